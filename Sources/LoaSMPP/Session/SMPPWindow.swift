import NIOCore
import Synchronization

/// At most `size` submit_sm outstanding at once: a submission waits for a slot, first come
/// first served, until its deadline or until its task is cancelled.
final class SMPPWindow: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Bool, Never>
        var timer: Scheduled<Void>?
    }

    private struct State {
        var free: Int
        var waiting: [Waiter] = []
        var nextID = 0
    }

    private let state: Mutex<State>

    init(size: Int) {
        state = Mutex(State(free: max(1, size)))
    }

    /// Takes a slot, waiting for one until `deadline` (timed on `eventLoop`); false, holding no
    /// slot, when none came by then or the task was cancelled meanwhile.
    func acquire(until deadline: NIODeadline, on eventLoop: any EventLoop) async -> Bool {
        let id = state.withLock { state -> Int? in
            guard state.free == 0 else {
                state.free -= 1
                return nil
            }
            state.nextID &+= 1
            return state.nextID
        }
        guard let id else { return true }
        guard deadline > .now(), !Task.isCancelled else { return false }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted = state.withLock { state -> Bool in
                    // A slot freed since the fast path looked.
                    guard state.free == 0 else {
                        state.free -= 1
                        return true
                    }
                    state.waiting.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if granted {
                    continuation.resume(returning: true)
                    return
                }
                let timer = eventLoop.scheduleTask(deadline: deadline) { [self] in giveUp(id) }
                let waits = state.withLock { state -> Bool in
                    guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return false }
                    state.waiting[index].timer = timer
                    return true
                }
                if !waits { timer.cancel() }
                // Cancelled before the waiter was in the list: the handler found nothing to give up.
                if Task.isCancelled { giveUp(id) }
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Stops `id` waiting (deadline passed or task cancelled), unless it was given a slot already.
    private func giveUp(_ id: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        waiter?.timer?.cancel()
        waiter?.continuation.resume(returning: false)
    }

    /// Gives a slot back (to the longest waiter, if any).
    func release() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.timer?.cancel()
        next?.continuation.resume(returning: true)
    }
}
