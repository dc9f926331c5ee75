/// A configuration problem found at start-up, naming the key (or file) and the fix.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted key (`server.port`) or file path at fault.
    public var key: String
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates an error.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
