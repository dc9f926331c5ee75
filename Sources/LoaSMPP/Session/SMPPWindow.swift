import NIOCore
import Synchronization

/// At most `size` submit_sm outstanding at once: a submission waits for a slot, first come
/// first served, until its deadline or until it gives up (its task cancelled).
///
/// A waiter is a callback, not a suspended task: a slot given back as an answer arrives is
/// handed on in the same call, on the event loop that read the answer, so the next submit_sm
/// is written at once instead of after a task switch (see ``SMPPWindow/request(_:body:on:timeout:until:timedOn:)``).
final class SMPPWindow: Sendable {
    /// Told once whether its waiter got a slot (true: it holds one and must ``release()`` it)
    /// or not (false: the deadline passed or it gave up). Called outside the window's lock.
    typealias Grant = @Sendable (Bool) -> Void

    private struct Waiter {
        let id: Int
        let grant: Grant
        var timer: Scheduled<Void>?
    }

    private struct State {
        var free: Int
        var waiting = CircularBuffer<Waiter>()
        var nextID = 0
    }

    private let state: Mutex<State>

    init(size: Int) {
        state = Mutex(State(free: max(1, size)))
    }

    /// Takes a slot for `grant`: at once when one is free (or at once without one when
    /// `deadline` has passed), else when one is given back, or without one at `deadline`
    /// (timed on `eventLoop`). Returns the ticket ``giveUp(_:)`` takes while it waits.
    @discardableResult
    func take(until deadline: NIODeadline, on eventLoop: any EventLoop, _ grant: @escaping Grant) -> Int {
        enum Taken { case slot, none, waiting(Int) }
        let taken = state.withLock { state -> Taken in
            state.nextID &+= 1
            if state.free > 0 {
                state.free -= 1
                return .slot
            }
            guard deadline > .now() else { return .none }
            state.waiting.append(Waiter(id: state.nextID, grant: grant))
            return .waiting(state.nextID)
        }
        switch taken {
        case .slot:
            grant(true)
            return 0
        case .none:
            grant(false)
            return 0
        case let .waiting(id):
            let timer = eventLoop.scheduleTask(deadline: deadline) { [self] in giveUp(id) }
            let waits = state.withLock { state -> Bool in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return false }
                state.waiting[index].timer = timer
                return true
            }
            if !waits { timer.cancel() }
            return id
        }
    }

    /// Stops the waiter with ticket `id` waiting (its grant is told false), unless it was given
    /// a slot already.
    func giveUp(_ id: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        waiter?.timer?.cancel()
        waiter?.grant(false)
    }

    /// Gives a slot back: to the longest waiter, in this call, if any.
    func release() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.timer?.cancel()
        next?.grant(true)
    }
}
