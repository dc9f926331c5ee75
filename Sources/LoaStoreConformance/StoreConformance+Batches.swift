import Foundation
import LoaCore
import LoaStore
import Testing

/// What group commit hands a store: many events, submit answers or reports in one call, with
/// several about the same dossier or message. A batch must end as the same calls one at a time
/// would (a driver may write it with set-based statements).
extension StoreConformance {
    static let batchCases: [StoreConformance] = [
        StoreConformance(name: "a batch of events ends as one at a time: a later one supersedes an earlier one's messages", check: eventBatchSupersedesInOrder),
        StoreConformance(name: "a batch of submit answers ends as one at a time, a repeat for a closed attempt ignored", check: outcomeBatchAsOneAtATime),
        StoreConformance(name: "a batch of reports ends as one at a time: repeats, stale and unknown ones in it", check: receiptBatchAsOneAtATime),
        StoreConformance(name: "event ids are compared byte for byte: the same text in NFC and NFD is two events", check: eventIdsComparedAsBytes),
    ]

    static func eventIdsComparedAsBytes(_ store: any Store) async throws {
        let plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, _ in
            EventPlan(messages: [Fixtures.message(for: event, id: "m-\(event.dossierCode)")], supersedesOlderMessages: false)
        }
        let composed = "h\u{1ED3}-s\u{01A1}-1"                   // hồ-sơ-1, precomposed (NFC)
        let decomposed = "ho\u{0302}\u{0300}-so\u{031B}-1"        // the same, decomposed (NFD)
        #expect(composed == decomposed, "Swift takes them as equal")
        let outcomes = try await store.ingest([Fixtures.event(composed, dossier: "D-NFC"), Fixtures.event(decomposed, dossier: "D-NFD")], plan: plan)
        #expect(outcomes == [.accepted(messageIds: ["m-D-NFC"]), .accepted(messageIds: ["m-D-NFD"])])
        let again = try await store.ingest([Fixtures.event(decomposed, dossier: "D-NFD")], plan: plan)
        #expect(again == [.duplicate])
    }

    static func eventBatchSupersedesInOrder(_ store: any Store) async throws {
        let plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, snapshot in
            EventPlan(messages: [Fixtures.message(for: event, id: "m-" + event.eventId)], supersedesOlderMessages: snapshot != nil)
        }
        var newer = Fixtures.event("second")
        newer.status = .resultReady
        newer.occurredAt = newer.occurredAt.addingTimeInterval(60)
        let outcomes = try await store.ingest([Fixtures.event("first"), Fixtures.event("other", dossier: "D-2"), newer], plan: plan)
        #expect(outcomes == [.accepted(messageIds: ["m-first"]), .accepted(messageIds: ["m-other"]), .accepted(messageIds: ["m-second"])])
        #expect(try await store.message(id: "m-first")?.state == .cancelled)
        #expect(try await store.message(id: "m-other")?.state == .pending)
        #expect(try await store.message(id: "m-second")?.state == .pending)
        let counts = try await store.countsByState()
        #expect(counts[.pending] == 2)
        #expect(counts[.cancelled] == 1)
    }

    static func outcomeBatchAsOneAtATime(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, ["retry", "sent", "failed", "deferred"].map { Fixtures.message(id: $0, notBefore: now) })
        let claimed = try await store.claimDue(now: now, limit: 4, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.count == 4)
        // The provider reported on "sent" before its submit answer was written.
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "p-sent", .delivered)) == .unmatched)
        let later = now.addingTimeInterval(1)
        try await store.record([
            AttemptOutcome(messageId: "retry", attempt: 1, provider: "p",
                           result: .retry(failure: .transient("timeout", "no answer"), retryAt: now.addingTimeInterval(60)), finishedAt: later),
            AttemptOutcome(messageId: "sent", attempt: 1, provider: "p", result: .sent(providerMessageId: "p-sent"), finishedAt: later),
            AttemptOutcome(messageId: "retry", attempt: 1, provider: "p", result: .sent(providerMessageId: "p-late"), finishedAt: later),
            AttemptOutcome(messageId: "failed", attempt: 1, provider: "p",
                           result: .failed(failure: .permanent("rejected", "bad number"), reason: "the provider refused it"), finishedAt: later),
            AttemptOutcome(messageId: "deferred", attempt: 1, provider: "p",
                           result: .deferred(until: now.addingTimeInterval(120), reason: "every provider's circuit is open"), finishedAt: later),
        ])
        let retry = try #require(try await store.message(id: "retry"))
        #expect(retry.state == .pending)
        #expect(retry.providerMessageId == nil)
        #expect(retry.notBefore == now.addingTimeInterval(60))
        #expect(retry.waitReason == .retryBackoff)
        let retryAttempts = try await store.attempts(messageId: "retry")
        #expect(retryAttempts.map(\.outcome) == [.transientFailure])
        #expect(retryAttempts.first?.providerMessageId == nil)
        let sent = try #require(try await store.message(id: "sent"))
        #expect(sent.state == .delivered)
        #expect(sent.providerMessageId == "p-sent")
        #expect(try await store.receipts(messageId: "sent").map(\.applied) == [true])
        let failed = try #require(try await store.message(id: "failed"))
        #expect(failed.state == .failed)
        #expect(failed.lastError == "the provider refused it")
        #expect(try await store.attempts(messageId: "failed").map(\.outcome) == [.permanentFailure])
        let deferred = try #require(try await store.message(id: "deferred"))
        #expect(deferred.state == .pending)
        #expect(deferred.attempts == 0)
        #expect(deferred.notBefore == now.addingTimeInterval(120))
        #expect(try await store.attempts(messageId: "deferred").isEmpty)
    }

    static func receiptBatchAsOneAtATime(_ store: any Store) async throws {
        try await Fixtures.sendOne(store, id: "m1", providerMessageId: "m1")
        try await Fixtures.sendOne(store, id: "m2", providerMessageId: "m2")
        func report(_ id: String, attempt: Int = 1, _ status: ReceiptStatus, _ detail: String) -> DeliveryReceipt {
            DeliveryReceipt(provider: "p", messageId: id, attempt: attempt, providerMessageId: id, status: status, detail: detail, receivedAt: Fixtures.now)
        }
        let outcomes = try await store.record([
            report("m1", .accepted, "smsc ack"),
            report("m1", .accepted, "smsc ack again"),
            report("m1", .delivered, "delivered"),
            report("m2", attempt: 5, .delivered, "not this attempt"),
            report("m2", .undelivered, "absent subscriber"),
            report("m2", .delivered, "contradicting"),
            report("nobody", .delivered, "unknown message"),
        ])
        #expect(outcomes == [
            .applied(messageId: "m1"), .duplicate(messageId: "m1"), .applied(messageId: "m1"),
            .staleAttempt(messageId: "m2", attempt: 5, currentAttempt: 1), .applied(messageId: "m2"), .duplicate(messageId: "m2"),
            .unmatched,
        ])
        #expect(try await store.message(id: "m1")?.state == .delivered)
        let m2 = try #require(try await store.message(id: "m2"))
        #expect(m2.state == .undelivered)
        #expect(m2.lastError == "absent subscriber")
        let kept = try await store.receipts(messageId: "m2")
        #expect(kept.map(\.detail) == ["not this attempt", "absent subscriber"])
        #expect(kept.map(\.refusal) == ["stale_attempt", nil])
        #expect(try await store.receipts(messageId: "m1").map(\.detail) == ["smsc ack", "delivered"])
        #expect(try await store.receipts(messageId: "nobody").map(\.detail) == ["unknown message"])
    }
}
