import Foundation
import LoaPostgres
import Synchronization

/// The progress of `loa migrate --from --to` on standard error, table by table: a bar redrawn
/// in place on a terminal; otherwise a plain line when a table starts, at each tenth of it and
/// when it is done (a log stays short however many rows there are).
final class CopyProgressBar: Sendable {
    static let width = 30
    let terminal: Bool
    /// The last tenth of the current table written as a plain line.
    private let reported = Mutex<(table: String, tenth: Int)>(("", -1))

    init(terminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.terminal = terminal
    }

    func show(_ progress: StoreCopy.Progress) {
        let done = progress.copied >= progress.total
        let counts = "\(progress.table) \(progress.copied)/\(progress.total) rows"
        if terminal {
            let filled = progress.total == 0 ? Self.width : Self.width * progress.copied / progress.total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
            write("\r\u{1B}[K[\(bar)] \(counts)" + (done ? "\n" : ""))
        } else {
            let tenth = progress.total == 0 ? 10 : 10 * progress.copied / progress.total
            let isNew = reported.withLock { reported in
                guard reported.table != progress.table || reported.tenth != tenth else { return false }
                reported = (progress.table, tenth)
                return true
            }
            if isNew { write(counts + "\n") }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
