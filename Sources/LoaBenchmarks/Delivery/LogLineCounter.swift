import Foundation

/// Counts the lines of a log another process appends to that hold `needle` (fakesmsc's `Got
/// message`, one per SMS part; every line when empty), reading only what was appended since the
/// last count (polling must not slow the process under test down).
final class LogLineCounter {
    private let path: String
    private let needle: [UInt8]
    private var offset: UInt64 = 0
    private var carry: [UInt8] = []
    private(set) var count = 0

    init(path: String, needle: String = "") {
        self.path = path
        self.needle = Array(needle.utf8)
    }

    /// Reads what was appended and returns the number of matching lines so far.
    func refresh() throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return count }
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let appended = try handle.readToEnd() ?? Data()
        offset += UInt64(appended.count)
        // Lines are counted whole: a partial last line waits for the next read.
        var bytes = carry + appended
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
            carry = bytes
            return count
        }
        carry = Array(bytes[(lastNewline + 1)...])
        bytes.removeSubrange((lastNewline + 1)...)
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.count >= needle.count {
            if needle.isEmpty || line.indices.contains(where: { line[$0...].starts(with: needle) }) { count += 1 }
        }
        return count
    }
}
