import Foundation

/// The CPU time (user plus system, every thread) that running processes have used, read from
/// `/proc/<pid>/stat`: what a benchmark charges to the system it measures and to nothing else
/// on the machine, the figure that survives a noisy shared machine.
///
/// ```swift
/// let cpu = ProcessCPU(processIdentifiers: [bearerbox, smsbox])
/// let before = try cpu.used()
/// // … the load …
/// let perMessage = (try cpu.used() - before) / messageCount
/// ```
public struct ProcessCPU: Sendable {
    /// The processes whose time is added up.
    public let processIdentifiers: [Int32]

    /// Clock ticks per second, the unit of `/proc/<pid>/stat` times (`sysconf(_SC_CLK_TCK)`).
    public static let clockTicksPerSecond = Int(sysconf(Int32(_SC_CLK_TCK)))

    /// Reads the CPU time of `processIdentifiers`.
    public init(processIdentifiers: [Int32]) {
        self.processIdentifiers = processIdentifiers
    }

    /// The CPU time the processes have used so far, added up (to the clock tick, 10 ms on Linux).
    /// - Throws: ``HarnessError`` when a process is gone or its stat line cannot be read.
    public func used() throws -> Duration {
        let ticks = try processIdentifiers.reduce(0) { total, processIdentifier in
            let path = "/proc/\(processIdentifier)/stat"
            guard let line = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw HarnessError("cannot read \(path): process \(processIdentifier) is gone")
            }
            guard let ticks = Self.clockTicks(inStatLine: line) else { throw HarnessError("no CPU times in \(path): \(line)") }
            return total + ticks
        }
        return .seconds(ticks) / Self.clockTicksPerSecond
    }

    /// `utime + stime` (fields 14 and 15, in clock ticks) of a `/proc/<pid>/stat` line; nil when
    /// the line is not one. The command name (field 2) is in parentheses and may itself hold
    /// spaces and parentheses, so fields are counted from the last `)`.
    public static func clockTicks(inStatLine line: String) -> Int? {
        guard let close = line.lastIndex(of: ")") else { return nil }
        // After the name: state (field 3), ppid (4), …, utime (14), stime (15).
        let fields = line[line.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
