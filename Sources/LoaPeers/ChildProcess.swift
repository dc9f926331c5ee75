public import Foundation
import Synchronization

/// A long-running child started with ``Spawn``: whether it still runs, waiting for its end,
/// its exit status. Reaped exactly once, by whichever of ``isRunning`` and ``waitUntilExit()``
/// sees it end first.
public final class ChildProcess: Sendable {
    public let processIdentifier: pid_t
    /// Its wait status, once reaped.
    private let ended = Mutex<Int32?>(nil)

    /// Starts `executable`; see ``Spawn/start(_:_:environment:currentDirectory:files:)``.
    public init(_ executable: String, _ arguments: [String], environment: [String: String], currentDirectory: String?, files: Spawn.Files) throws {
        processIdentifier = try Spawn.start(executable, arguments, environment: environment, currentDirectory: currentDirectory, files: files)
    }

    /// Whether it has not ended yet (never blocks).
    public var isRunning: Bool {
        ended.withLock { ended in
            guard ended == nil else { return false }
            var status: Int32 = 0
            switch waitpid(processIdentifier, &status, WNOHANG) {
            case 0: return true
            case processIdentifier: ended = status; return false
            default: return false  // reaped by a waiter, which is storing its status
            }
        }
    }

    /// Waits until it ends (blocking the thread: call it through ``blockingWork(_:)``); returns
    /// its exit status, or 128 + the signal that ended it.
    @discardableResult
    public func waitUntilExit() -> Int32 {
        if let status = ended.withLock({ $0 }) { return Spawn.exitStatus(status) }
        var status: Int32 = 0
        var reaped: pid_t
        repeat { reaped = waitpid(processIdentifier, &status, 0) } while reaped == -1 && errno == EINTR
        if reaped == processIdentifier {
            ended.withLock { if $0 == nil { $0 = status } }
        }
        // Reaped by someone else (ECHILD): their status is stored under the lock they held.
        while true {
            if let stored = ended.withLock({ $0 }) { return Spawn.exitStatus(stored) }
            usleep(1_000)
        }
    }
}
