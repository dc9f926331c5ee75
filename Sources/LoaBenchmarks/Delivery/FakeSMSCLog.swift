import Foundation

/// fakesmsc's log: counts the `Got message` lines the fake SMSC writes, one per SMS part,
/// reading only what was appended since the last count (polling must not slow Kannel down).
final class FakeSMSCLog {
    private let path: String
    private var offset: UInt64 = 0
    private var carry: [UInt8] = []
    private(set) var count = 0
    private static let needle = Array("Got message".utf8)

    init(path: String) { self.path = path }

    /// Reads what fakesmsc appended and returns the number of parts logged so far.
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
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.count >= Self.needle.count {
            if line.indices.contains(where: { line[$0...].starts(with: Self.needle) }) { count += 1 }
        }
        return count
    }
}
