public import Foundation

/// Forgetting residents' personal data once it has served its purpose (see `RetentionPolicy`
/// in LoaCore for what goes when).
///
/// Before a `horizon`: messages in a final state since before it lose their recipient and
/// text (the rows stay, with kind, locale, segments, state and times, for statistics) and their
/// attempts; provider reports received before it are deleted; events received and occurred
/// before it are deleted; snapshots of dossiers closed before it are deleted; inbound messages
/// (what residents sent, with their numbers) received before it are deleted; appointments that
/// started (and last changed) before it are deleted.
///
/// Events are the duplicate detector (`source` + `eventId`), so a store that forgets events
/// remembers the horizon it forgot them before, and ``EventInbox/ingest(_:plan:)`` then rejects
/// an event that occurred before that horizon (field `occurredAt`) instead of taking a replayed
/// old event for a new one: Loa can no longer tell, and a notice that late would mislead.
///
/// ```swift
/// let wouldGo = try await store.purgeable(horizon: policy.horizon(now: .now))   // dry run
/// let removed = try await store.purgeAll(horizon: policy.horizon(now: .now))
/// ```
public protocol PersonalDataRetention: Sendable {
    /// What purging before `horizon` would remove now, counted per table; changes nothing.
    func purgeable(horizon: Date) async throws -> PurgeCounts

    /// One bounded step of the purge: at most `limit` messages, receipts, events, dossiers,
    /// inbound messages and appointments (each), in one short transaction. Returns what it removed; call again while any count
    /// but attempts reached `limit` (``purgeAll(horizon:batchSize:)`` does).
    func purgePersonalData(horizon: Date, limit: Int) async throws -> PurgeCounts
}

extension PersonalDataRetention {
    /// Purges everything before `horizon` in steps of `batchSize`, so that no transaction holds
    /// the writer for long and other writes go in between; returns the totals.
    @discardableResult
    public func purgeAll(horizon: Date, batchSize: Int = 500) async throws -> PurgeCounts {
        var total = PurgeCounts()
        while true {
            try Task.checkCancellation()
            let step = try await purgePersonalData(horizon: horizon, limit: batchSize)
            total += step
            let full = [step.messages, step.receipts, step.events, step.dossiers, step.inbound, step.appointments].contains { $0 >= batchSize }
            guard full else { return total }
            await Task.yield()
        }
    }
}
