/// A database file Loa cannot create, copy or restore as asked: which file, what is wrong and
/// what to do about it.
public struct DatabaseFileError: Error, CustomStringConvertible {
    /// The file at fault.
    public let path: String
    /// What is wrong and the fix, in a sentence an operator can act on.
    public let problem: String

    /// Creates an error for `path`.
    public init(path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
