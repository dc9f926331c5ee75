public import LoaStore

/// Group commit for ingest: events from requests that arrive while a commit is under way are
/// gathered and committed together in the next transaction, so many concurrent requests cost
/// one disk sync instead of one each. Each request still gets its own outcomes, and only after
/// the transaction holding its events has committed.
///
/// ```swift
/// let batcher = IngestBatcher(inbox: store, planner: planner)
/// let outcomes = try await batcher.ingest(events)   // one outcome per event, in order
/// ```
public actor IngestBatcher {
    let inbox: any EventInbox
    let planner: EventPlanner
    /// Events committed in one transaction at most (a request is never split).
    let maxEventsPerCommit: Int

    private var waiting: [Request] = []
    private var committing = false

    private struct Request {
        let events: [DossierEvent]
        let continuation: CheckedContinuation<[IngestOutcome], any Error>
    }

    /// Creates a batcher committing through `inbox`, planning each event with `planner`.
    public init(inbox: any EventInbox, planner: EventPlanner, maxEventsPerCommit: Int = 5000) {
        self.inbox = inbox
        self.planner = planner
        self.maxEventsPerCommit = maxEventsPerCommit
    }

    /// Commits `events` (in a transaction shared with other requests) and returns their outcomes.
    /// Throws what the store threw; then nothing of the group was committed.
    public func ingest(_ events: [DossierEvent]) async throws -> [IngestOutcome] {
        guard !events.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Request(events: events, continuation: continuation))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    /// Commits groups of waiting requests until none is left.
    private func commitWaiting() async {
        while !waiting.isEmpty {
            var group: [Request] = []
            var count = 0
            while let next = waiting.first, group.isEmpty || count + next.events.count <= maxEventsPerCommit {
                group.append(waiting.removeFirst())
                count += next.events.count
            }
            do {
                let outcomes = try await commit(group.flatMap(\.events))
                var offset = 0
                for request in group {
                    request.continuation.resume(returning: Array(outcomes[offset..<(offset + request.events.count)]))
                    offset += request.events.count
                }
            } catch let error as StoreUnavailableError {
                // Nothing can be written now: every request in the group is told so (503).
                for request in group { request.continuation.resume(throwing: error) }
            } catch {
                // Something in one request broke the shared transaction: commit each alone, so
                // only the request at fault fails.
                for request in group {
                    do {
                        request.continuation.resume(returning: try await commit(request.events))
                    } catch {
                        request.continuation.resume(throwing: error)
                    }
                }
            }
        }
        committing = false
    }

    private func commit(_ events: [DossierEvent]) async throws -> [IngestOutcome] {
        let planner = planner
        return try await inbox.ingest(events) { event, snapshot throws(IngestRejection) in
            try planner.plan(event, after: snapshot)
        }
    }
}
