import Foundation

/// Runs `work`, which blocks (waiting for a process, a script, a pipe), on a thread of its own
/// and waits for it without holding one of the few threads Swift concurrency runs every task
/// on. Tests run side by side in one process: a test waiting for Kannel to start must not stall
/// another test's HTTP exchange until its deadline passes.
public func blockingWork<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}
