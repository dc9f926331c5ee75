import Synchronization

/// Wakes an idle dispatcher as soon as new messages may be due (ingest committed some), so
/// they go out at once instead of at the next poll. Polling stays the fallback for work that
/// arrives any other way (retries coming due, another process).
///
/// One waiter at a time; a signal given while nobody waits is kept for the next wait.
///
/// ```swift
/// let work = WorkSignal()
/// work.signal()                              // from ingest, after a commit
/// await work.wait(timeout: .milliseconds(200))  // in the dispatcher, when idle
/// ```
public final class WorkSignal: Sendable {
    private let state = Mutex(State())

    private struct State {
        var signalled = false
        var waitCancelled = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    /// Creates a signal that nobody has given yet.
    public init() {}

    /// Says that work may be waiting; wakes the waiter, or the next one.
    public func signal() {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.signalled = true
                return nil as CheckedContinuation<Void, Never>?
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns once signalled (or if a signal came since the last wait), after `timeout`, or
    /// when the calling task is cancelled, whichever comes first.
    public func wait(timeout: Duration) async {
        state.withLock { $0.waitCancelled = false }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.waitForSignal() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.signalled || state.waitCancelled {
                        state.signalled = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.waitCancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
