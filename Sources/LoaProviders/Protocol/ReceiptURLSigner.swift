import Crypto
public import Foundation
import LoaCore

/// Signs the receipt callback URL Loa gives a provider for one attempt of a message, and checks
/// the signature when the provider calls back: the URL carries `messageId`, `attempt` and
/// `expires` (seconds since 1970, UTC) and `sig`, the first 16 bytes of HMAC-SHA256 over the
/// three (each on its own line) in lowercase hex, the scheme Kannel's `dlr-url` uses. A report
/// cannot be forged for another message or attempt, nor replayed after `expires`.
///
/// ```swift
/// let signer = ReceiptURLSigner(provider: "twilio", secret: secret, baseURL: publicURL, validitySeconds: 7200)
/// let url = signer.url(messageId: "m1", attempt: 1, now: Date())
/// let (messageId, attempt) = try signer.verify(callback.query, receivedAt: Date())
/// ```
public struct ReceiptURLSigner: Sendable {
    /// The provider's name: the path segment of its callback.
    public let provider: String
    /// `<base>/v1/providers/<provider>/receipts`, no query.
    public let endpoint: String
    /// How long after the submission a callback URL is accepted.
    public let validitySeconds: Double
    private let key: SymmetricKey

    /// Creates a signer for `provider`'s callbacks under `baseURL` (Loa's public URL).
    public init(provider: String, secret: String, baseURL: URL, validitySeconds: Double) {
        self.provider = provider
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = "\(base)/v1/providers/\(provider)/receipts"
        self.validitySeconds = validitySeconds
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The signed callback URL for one attempt of a message submitted at `now`.
    public func url(messageId: String, attempt: Int, now: Date) -> String {
        let expires = String(Int64((now.timeIntervalSince1970 + validitySeconds).rounded(.up)))
        let attempt = String(attempt)
        let messageIdEncoded = messageId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? messageId
        return "\(endpoint)?messageId=\(messageIdEncoded)&attempt=\(attempt)&expires=\(expires)&sig=\(signature(messageId: messageId, attempt: attempt, expires: expires))"
    }

    /// The signature of one triple, as written in the URL.
    public func signature(messageId: String, attempt: String, expires: String) -> String {
        var signed = Array(messageId.utf8)
        signed.append(UInt8(ascii: "\n"))
        signed += attempt.utf8
        signed.append(UInt8(ascii: "\n"))
        signed += expires.utf8
        return HMAC<SHA256>.authenticationCode(for: signed, using: key).prefix(16).lowercaseHex
    }

    /// Checks, in order: `messageId`, `attempt` (a whole number from 1) and `expires` are
    /// present; `sig` signs the three; `expires` is not past at `receivedAt`.
    /// - Returns: the message id and attempt the callback is about.
    public func verify(_ query: [String: String], receivedAt: Date) throws(ReceiptCallbackError) -> (messageId: String, attempt: Int) {
        guard let messageId = query["messageId"], !messageId.isEmpty else {
            throw ReceiptCallbackError(parameter: "messageId", message: "the receipt names no messageId: call back the URL Loa gave with the message, query included")
        }
        guard let attemptText = query["attempt"], let attempt = Int(attemptText), attempt >= 1 else {
            throw ReceiptCallbackError(parameter: "attempt", message: "attempt must be the attempt number Loa put in the callback URL (a whole number from 1)")
        }
        guard let expiresText = query["expires"], let expires = Int64(expiresText) else {
            throw ReceiptCallbackError(parameter: "expires", message: "expires must be the expiry Loa put in the callback URL (whole seconds since 1970)")
        }
        let expected = signature(messageId: messageId, attempt: attemptText, expires: expiresText)
        guard let presented = query["sig"], Array(presented.utf8).isConstantTimeEqual(to: Array(expected.utf8)) else {
            throw ReceiptCallbackError(
                parameter: "sig", message: "the receipt signature does not match its messageId, attempt and expires", reason: .forged)
        }
        guard receivedAt.timeIntervalSince1970 <= Double(expires) else {
            throw ReceiptCallbackError(
                parameter: "expires",
                message: "this callback URL expired at \(expires) (seconds since 1970): reports are taken for twice providers.\(provider).reportTimeout after the submission",
                reason: .expired)
        }
        return (messageId, attempt)
    }
}
