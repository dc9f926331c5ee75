/// An inbound callback that cannot be accepted.
public struct InboundCallbackError: Error, Sendable, Equatable {
    /// Why a callback is refused, which decides the answer the caller gets.
    public enum Reason: Sendable, Equatable {
        /// A parameter is missing or unreadable (`422`).
        case malformed
        /// The caller failed to prove it is the provider (`403`).
        case forged
    }

    public var reason: Reason
    /// The parameter at fault.
    public var parameter: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(parameter: String, message: String, reason: Reason = .malformed) {
        self.parameter = parameter
        self.message = message
        self.reason = reason
    }
}
