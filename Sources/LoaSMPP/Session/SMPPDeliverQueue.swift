import Synchronization

/// deliver_sm the session has not answered yet, taken in batches by one task at a time, so that
/// a burst of receipts costs a few ledger and store transactions instead of one task and two
/// transactions each. At most `limit` wait (besides the batch being taken): an SMSC that floods
/// more is told to send them again later.
///
/// ```swift
/// switch queue.add(item) {
/// case .refused: connection.respond(to: request, status: .temporaryApplicationError)
/// case .queued: break
/// case .queuedFirst: Task { while let batch = queue.take(max: 500) { … } }
/// }
/// ```
final class SMPPDeliverQueue: Sendable {
    /// One deliver_sm and where to answer it.
    struct Item: Sendable {
        let message: SMPPShortMessage
        let request: SMPPPDU
        let connection: SMPPConnection
    }

    /// What ``add(_:)`` did.
    enum Admission: Equatable {
        /// `limit` wait already: answer it with a temporary error at once.
        case refused
        /// Waits for the task taking batches.
        case queued
        /// Waits, and no task is taking batches: start one.
        case queuedFirst
    }

    private struct State {
        var items: [Item] = []
        var taking = false
    }

    /// Most deliver_sm waiting at once.
    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Queues `item` unless `limit` wait already.
    func add(_ item: Item) -> Admission {
        state.withLock { state in
            guard state.items.count < limit else { return .refused }
            state.items.append(item)
            guard !state.taking else { return .queued }
            state.taking = true
            return .queuedFirst
        }
    }

    /// The oldest waiting items, at most `max`; nil when none waits, and then the caller's task
    /// stops taking (the next ``add(_:)`` answers ``Admission/queuedFirst``).
    func take(max: Int) -> [Item]? {
        state.withLock { state in
            guard !state.items.isEmpty else {
                state.taking = false
                return nil
            }
            let batch = Array(state.items.prefix(max))
            state.items.removeFirst(batch.count)
            return batch
        }
    }
}
