import Foundation

/// Where the tests find templates: the repository's shipped `templates/`, or a fresh temporary
/// folder filled with the files a test writes.
enum TemplateDirectories {
    /// `templates/` at the repository root, found from this file's path.
    static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // LoaTemplatesTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository root
        .appendingPathComponent("templates")

    /// A new temporary folder holding `files` (relative path → contents).
    static func temporary(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("loa-templates-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }
}
