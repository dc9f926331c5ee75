/// The store cannot take writes right now (disk full, database locked, I/O error); nothing of
/// the operation was committed, and the caller may try again later.
public struct StoreUnavailableError: Error, Sendable, CustomStringConvertible {
    /// What the driver reported.
    public var reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "store unavailable: \(reason)" }
}
