/// Why a provider did not accept a message, in the one vocabulary every adapter speaks.
///
/// Adapters classify their own errors (HTTP status, SMPP command status, socket errors) into
/// ``Kind/transient`` or ``Kind/permanent``; the dispatcher decides what to do from that alone.
public struct SubmitFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether trying again later may succeed.
    public enum Kind: String, Sendable, Codable {
        /// Worth retrying: timeouts, 5xx, throttling, connection resets, no route right now.
        case transient
        /// Retrying cannot help: invalid number, rejected text, bad credentials.
        case permanent
    }

    /// Transient or permanent.
    public let kind: Kind
    /// A short machine-readable cause such as `http_503`, `timeout`, `throttled`, `invalid_number`.
    public let code: String
    /// What happened, for operators (never contains the message text or a full phone number).
    public let message: String
    /// Seconds the provider asked us to wait (HTTP `Retry-After`, SMPP throttling), if any.
    public let retryAfterSeconds: Double?

    /// Creates a failure.
    public init(_ kind: Kind, code: String, message: String, retryAfterSeconds: Double? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A transient failure.
    public static func transient(_ code: String, _ message: String, retryAfterSeconds: Double? = nil) -> SubmitFailure {
        SubmitFailure(.transient, code: code, message: message, retryAfterSeconds: retryAfterSeconds)
    }

    /// A permanent failure.
    public static func permanent(_ code: String, _ message: String) -> SubmitFailure {
        SubmitFailure(.permanent, code: code, message: message)
    }

    public var description: String { "\(kind.rawValue) \(code): \(message)" }
}
