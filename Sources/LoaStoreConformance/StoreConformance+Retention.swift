import Foundation
import LoaCore
import LoaStore
import Synchronization
import Testing

/// Retention: personal data past the horizon goes, statistics stay, and forgetting events never
/// lets a replayed old event through as a new one. Times are injected: what is "old" happened
/// at `Fixtures.now`, the horizon is a day after both that and the real clock (events and
/// dossier snapshots carry the time they were received), and "later" is a day after the horizon.
extension StoreConformance {
    /// The horizon of these cases and an instant after it.
    public static func retentionTimes() -> (old: Date, horizon: Date, later: Date) {
        let horizon = max(Date(), Fixtures.now).addingTimeInterval(86_400)
        return (Fixtures.now, horizon, horizon.addingTimeInterval(86_400))
    }

    /// An event of `dossier` in `status` that occurred at `occurredAt`.
    public static func retentionEvent(_ id: String, dossier: String, status: DossierStatus = .received, occurredAt: Date) -> DossierEvent {
        var event = Fixtures.event(id, dossier: dossier)
        event.status = status
        event.occurredAt = occurredAt
        return event
    }

    static func retentionRemovesPersonalDataOfOldFinalMessages(_ store: any Store) async throws {
        let (_, horizon, later) = retentionTimes()
        try await Fixtures.sendOne(store, id: "m-delivered", providerMessageId: "p-1")
        try await store.record([Fixtures.receipt(providerMessageId: "p-1", .delivered)])
        try await Fixtures.insert(store, [Fixtures.message(id: "m-pending", notBefore: later), Fixtures.message(id: "m-late", notBefore: later)])
        _ = try await store.cancel(ids: ["m-late"], reason: "test", at: later)
        let before = try #require(try await store.message(id: "m-delivered"))
        let statesBefore = try await store.countsByState()

        let dryRun = try await store.purgeable(horizon: horizon)
        #expect(dryRun == PurgeCounts(messages: 1, attempts: 1, receipts: 1, events: 3, dossiers: 0))
        #expect(try await store.message(id: "m-delivered") == before, "a dry run changes nothing")

        let removed = try await store.purgeAll(horizon: horizon)
        #expect(removed == dryRun)
        let purged = try #require(try await store.message(id: "m-delivered"))
        #expect(purged.recipient.isEmpty)
        #expect(purged.text.isEmpty)
        #expect(purged.lastError == nil)
        var kept = before
        (kept.recipient, kept.text, kept.lastError) = ("", "", nil)
        #expect(purged == kept, "kind, locale, segments, state and times stay for statistics")
        #expect(try await store.attempts(messageId: "m-delivered").isEmpty)
        for id in ["m-pending", "m-late"] {
            let message = try #require(try await store.message(id: id))
            #expect(message.recipient == "+84912345678", "\(id) is unfinished or final after the horizon")
            #expect(message.text == Fixtures.text)
        }
        #expect(try await store.countsByState() == statesBefore)
        #expect(try await store.purgeable(horizon: horizon).isEmpty)
        #expect(try await store.purgeAll(horizon: horizon).isEmpty, "purging again removes nothing")
    }

    static func forgottenEventsAreNotTakenForNewOnes(_ store: any Store) async throws {
        let (old, horizon, later) = retentionTimes()
        let noMessages: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { _, _ in
            EventPlan(messages: [], supersedesOlderMessages: false)
        }
        let oldEvent = retentionEvent("e-old", dossier: "D-OLD", occurredAt: old)
        let recentEvent = retentionEvent("e-recent", dossier: "D-RECENT", occurredAt: later)
        #expect(try await store.ingest([oldEvent, recentEvent], plan: noMessages) == [.accepted(messageIds: []), .accepted(messageIds: [])])
        // Nothing is forgotten yet: an event from long ago is still taken.
        let firstOldOne = retentionEvent("e-old-first", dossier: "D-OLD-1", occurredAt: old)
        #expect(try await store.ingest([firstOldOne], plan: noMessages) == [.accepted(messageIds: [])])

        #expect(try await store.purgeAll(horizon: horizon).events == 2, "e-old and e-old-first; e-recent occurred after the horizon")

        let outcomes = try await store.ingest([
            oldEvent, recentEvent,
            retentionEvent("e-new-but-old", dossier: "D-OLD-2", occurredAt: old),
            retentionEvent("e-new", dossier: "D-NEW", occurredAt: later),
        ], plan: noMessages)
        #expect(outcomes.count == 4)
        for (index, id) in [(0, "e-old"), (2, "e-new-but-old")] {
            guard case .rejected(let rejection) = outcomes[index] else {
                Issue.record("\(id) occurred before the forgotten horizon and should be rejected, got \(outcomes[index])")
                continue
            }
            #expect(rejection.field == "occurredAt")
            #expect(rejection.message.contains("retention.messages"))
        }
        #expect(outcomes[1] == .duplicate, "a remembered event is still a duplicate")
        #expect(outcomes[3] == .accepted(messageIds: []))
    }

    static func closedDossiersAreForgotten(_ store: any Store) async throws {
        let (old, horizon, later) = retentionTimes()
        let seen = Mutex<[String: DossierStatus?]>([:])
        let recordSnapshot: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, snapshot in
            seen.withLock { _ = $0.updateValue(snapshot?.status, forKey: event.dossierCode) }
            return EventPlan(messages: [], supersedesOlderMessages: false)
        }
        _ = try await store.ingest([
            retentionEvent("closed-old", dossier: "D-CLOSED", status: .returned, occurredAt: old),
            retentionEvent("open-old", dossier: "D-OPEN", status: .resultReady, occurredAt: old),
            retentionEvent("closed-later", dossier: "D-CLOSED-LATER", status: .withdrawn, occurredAt: later),
        ], plan: recordSnapshot)
        #expect(try await store.purgeable(horizon: horizon).dossiers == 1)
        #expect(try await store.purgeAll(horizon: horizon).dossiers == 1)

        let after = later.addingTimeInterval(86_400)
        _ = try await store.ingest([
            retentionEvent("closed-again", dossier: "D-CLOSED", status: .received, occurredAt: after),
            retentionEvent("open-again", dossier: "D-OPEN", status: .returned, occurredAt: after),
            retentionEvent("closed-later-again", dossier: "D-CLOSED-LATER", status: .received, occurredAt: after),
        ], plan: recordSnapshot)
        let snapshots = seen.withLock { $0 }
        #expect(snapshots["D-CLOSED"] == .some(nil), "the closed dossier's snapshot was forgotten")
        #expect(snapshots["D-OPEN"] == .some(.resultReady), "a dossier waiting for pickup is open")
        #expect(snapshots["D-CLOSED-LATER"] == .some(.withdrawn), "closed after the horizon: kept")
    }

    static func purgeGoesInBoundedSteps(_ store: any Store) async throws {
        let (old, horizon, _) = retentionTimes()
        let ids = (1...7).map { "m\($0)" }
        try await Fixtures.insert(store, ids.map { Fixtures.message(id: $0, notBefore: old) })
        _ = try await store.cancel(ids: ids, reason: "test", at: old)
        let step = try await store.purgePersonalData(horizon: horizon, limit: 3)
        #expect(step.messages == 3)
        #expect(step.events == 3)
        #expect(try await store.purgeable(horizon: horizon).messages == 4)
        let rest = try await store.purgeAll(horizon: horizon, batchSize: 3)
        #expect(rest.messages == 4)
        #expect(rest.events == 4)
        for id in ids {
            #expect(try await store.message(id: id)?.recipient == "", "\(id)")
        }
    }

    static func purgedMessageIsNotRetried(_ store: any Store) async throws {
        let (old, horizon, later) = retentionTimes()
        let messages = ["m-expired", "m-kept"].map { id in
            var message = Fixtures.message(id: id, notBefore: old)
            message.expiresAt = old.addingTimeInterval(60)
            return message
        }
        try await Fixtures.insert(store, messages)
        #expect(try await store.expireDue(now: old.addingTimeInterval(120)) == 2)
        _ = try await store.purgePersonalData(horizon: horizon, limit: 1)
        let purgedId = try await store.message(id: "m-expired")?.recipient == "" ? "m-expired" : "m-kept"
        let otherId = purgedId == "m-expired" ? "m-kept" : "m-expired"
        let outcomes = try await store.retry(ids: [purgedId, otherId], at: later, quietHours: .none)
        #expect(outcomes[purgedId] == .personalDataRemoved)
        guard case .retried(let copyId) = outcomes[otherId] else {
            Issue.record("\(otherId) still has its number and should be retried, got \(String(describing: outcomes[otherId]))")
            return
        }
        #expect(try await store.message(id: copyId)?.recipient == "+84912345678")
    }
}
