import Foundation

/// A process told apart from a later one that reuses its id: the id and its start time (field
/// 22 of `/proc/<id>/stat`, clock ticks after boot). Recorded in a file beside something the
/// process owns, so a later test process can tell whether the owner is still there.
struct ProcessIdentity: Equatable {
    let processIdentifier: Int32
    let startTicks: String

    /// This process.
    static var current: ProcessIdentity {
        let identifier = getpid()
        return ProcessIdentity(processIdentifier: identifier, startTicks: startTicks(of: identifier) ?? "")
    }

    init(processIdentifier: Int32, startTicks: String) {
        self.processIdentifier = processIdentifier
        self.startTicks = startTicks
    }

    /// The identity recorded in `path` by ``record(at:)``; nil when there is none or it cannot be read.
    init?(recordedAt path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count == 2, let identifier = Int32(fields[0]) else { return nil }
        self.init(processIdentifier: identifier, startTicks: String(fields[1]))
    }

    /// Writes this identity to `path`.
    func record(at path: String) throws {
        try "\(processIdentifier) \(startTicks)".write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Whether the process still runs (the same one: same id, same start time).
    var isAlive: Bool {
        ProcessIdentity.startTicks(of: processIdentifier) == startTicks
    }

    /// The start time of process `identifier`, nil when there is no such process.
    private static func startTicks(of identifier: Int32) -> String? {
        guard let line = try? String(contentsOfFile: "/proc/\(identifier)/stat", encoding: .utf8),
              let close = line.lastIndex(of: ")") else { return nil }
        // After the name: field 3 (state) onwards; the start time is field 22.
        let fields = line[line.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
