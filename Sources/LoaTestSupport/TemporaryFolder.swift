public import Foundation

/// A folder under the system's temporary directory, removed when the value is released.
///
/// ```swift
/// let folder = try TemporaryFolder()
/// let store = try SQLiteStore(path: folder.path("loa.sqlite"))
/// ```
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates a new, empty folder whose name starts with `prefix`.
    public init(prefix: String = "loa-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
