/// A failure of the test or benchmark harness itself (a process that would not start, a
/// command that failed), as opposed to a failed expectation.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
