import Foundation
import LoaCore
import LoaStore
import Testing

/// The behaviour every `Store` driver must have, written once. Each driver's test target runs
/// every case against a fresh store of its own (`SQLiteStoreTests`, `PostgresStoreTests`).
///
/// ```swift
/// @Test("conformance", arguments: StoreConformance.all)
/// func conformance(_ behaviour: StoreConformance) async throws {
///     try await behaviour.check(try await freshStore())
/// }
/// ```
public struct StoreConformance: Sendable, CustomTestStringConvertible {
    /// What the case checks, as the test shows it.
    public let name: String
    /// Runs the case against a fresh, migrated store; fails through `#expect` and throws.
    public let check: @Sendable (any Store) async throws -> Void

    public var testDescription: String { name }

    /// Every case, for every driver.
    public static let all: [StoreConformance] = [
        StoreConformance(name: "an accepted event commits its messages", check: acceptedEventCommitsMessages),
        StoreConformance(name: "a repeated event is a duplicate and creates nothing", check: duplicateEventCreatesNothing),
        StoreConformance(name: "a rejected event leaves the rest of its batch in", check: rejectionIsPerEvent),
        StoreConformance(name: "claims take due messages in priority order, once", check: claimsInPriorityOrderOnce),
        StoreConformance(name: "a lapsed lease comes back in doubt; its stale outcome is ignored", check: lapsedLeaseComesBackInDoubt),
        StoreConformance(name: "receipts move messages forward only", check: receiptsMoveForwardOnly),
        StoreConformance(name: "a receipt that overtakes the submit answer is applied later", check: earlyReceiptIsAppliedLater),
        StoreConformance(name: "retry and failure outcomes", check: retryAndFailureOutcomes),
        StoreConformance(name: "a late delivery report settles a message waiting for its retry", check: lateReceiptSettlesRetry),
        StoreConformance(name: "expired messages are never claimed", check: expiredMessagesAreNotClaimed),
        StoreConformance(name: "released leases return messages to pending", check: releasedLeasesReturnToPending),
        StoreConformance(name: "a newer status supersedes unsent messages", check: newerStatusSupersedes),
        StoreConformance(name: "an event for another commune's or source's dossier changes nothing", check: dossierBelongsToItsCommuneAndSource),
        StoreConformance(name: "concurrent claimers never share a message", check: concurrentClaimersNeverShare),
        StoreConformance(name: "keys are found by hash until revoked", check: keysFoundByHashUntilRevoked),
        StoreConformance(name: "an event records the key that sent it", check: eventRecordsItsKey),
        StoreConformance(name: "ingest key scopes and sealed signing secrets are kept", check: keyScopesAndSigningSecretsAreKept),
        StoreConformance(name: "operators cancel unsent messages only", check: operatorsCancelUnsentOnly),
        StoreConformance(name: "an operator retry creates a new message and leaves the failed one", check: operatorRetryCreatesNewMessage),
        StoreConformance(name: "an attempt a receipt overtook is closed in doubt once its lease lapses", check: receiptOvertakenAttemptClosesInDoubt),
        StoreConformance(name: "a live worker does not take back its own lapsed claims", check: ownLapsedClaimsStayPut),
        StoreConformance(name: "under the fail policy a lapsed message ends failed, not resent", check: inDoubtFailPolicyEndsFailed),
        StoreConformance(name: "a message that lapses in doubt too often ends failed with the reason", check: repeatedInDoubtEndsFailed),
        StoreConformance(name: "the daily cap holds messages over it until the next morning; urgent ones go", check: dailyCapHoldsUntilNextMorning),
        StoreConformance(name: "the daily cap counts a message once, not each retry", check: dailyCapCountsMessagesOnce),
        StoreConformance(name: "past days' daily-cap counts are dropped, today's kept", check: pastRecipientDaysAreForgotten),
        StoreConformance(name: "retention removes the personal data of messages final before the horizon, nothing else", check: retentionRemovesPersonalDataOfOldFinalMessages),
        StoreConformance(name: "forgotten events: a replay is rejected, a remembered one is still a duplicate", check: forgottenEventsAreNotTakenForNewOnes),
        StoreConformance(name: "snapshots of dossiers closed before the horizon are forgotten", check: closedDossiersAreForgotten),
        StoreConformance(name: "the purge goes in bounded steps to the same end", check: purgeGoesInBoundedSteps),
        StoreConformance(name: "a message whose personal data is gone is not retried", check: purgedMessageIsNotRetried),
    ] + receiptCases + inboundCases + deferralCases + residentCases + appointmentCases + operationsCases + leaseRenewalCases + statisticsCases + watcherCases + textReviewHoldCases

    // MARK: Cases

    static func acceptedEventCommitsMessages(_ store: any Store) async throws {
        let event = Fixtures.event("e1")
        let outcomes = try await store.ingest([event]) { event, snapshot throws(IngestRejection) in
            #expect(snapshot == nil)
            return EventPlan(messages: [Fixtures.message(for: event, id: "m1")], supersedesOlderMessages: false)
        }
        #expect(outcomes == [.accepted(messageIds: ["m1"])])
        let stored = try #require(try await store.message(id: "m1"))
        #expect(stored.state == .pending)
        #expect(stored.recipient == "+84912345678")
        #expect(stored.text == Fixtures.text)
        #expect(try await store.messages(dossierCode: event.dossierCode, commune: nil).map(\.id) == ["m1"])
        #expect(try await store.messages(dossierCode: event.dossierCode, commune: "other").isEmpty)
    }

    static func duplicateEventCreatesNothing(_ store: any Store) async throws {
        let plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, _ in
            EventPlan(messages: [Fixtures.message(for: event, id: OpaqueID.make(prefix: "msg", epochMilliseconds: 0))], supersedesOlderMessages: false)
        }
        let first = try await store.ingest([Fixtures.event("e1"), Fixtures.event("e1")], plan: plan)
        #expect(first.count == 2)
        #expect(first[1] == .duplicate)
        let again = try await store.ingest([Fixtures.event("e1")], plan: plan)
        #expect(again == [.duplicate])
        var otherSource = Fixtures.event("e1")
        otherSource.source = "another-system"
        otherSource.dossierCode = "OTHER-1"
        let other = try await store.ingest([otherSource], plan: plan)
        guard case .accepted(let ids) = other.first else {
            Issue.record("same eventId from another source should be accepted, got \(other)")
            return
        }
        #expect(ids.count == 1)
        #expect(try await store.countsByState()[.pending] == 2)
    }

    static func rejectionIsPerEvent(_ store: any Store) async throws {
        let events = [Fixtures.event("a", dossier: "D-A"), Fixtures.event("b", dossier: "D-B"), Fixtures.event("c", dossier: "D-C")]
        let outcomes = try await store.ingest(events) { event, _ throws(IngestRejection) in
            if event.eventId == "b" { throw IngestRejection(code: "nope", message: "refused", field: "status") }
            return EventPlan(messages: [Fixtures.message(for: event, id: "m-" + event.eventId)], supersedesOlderMessages: false)
        }
        #expect(outcomes == [
            .accepted(messageIds: ["m-a"]),
            .rejected(IngestRejection(code: "nope", message: "refused", field: "status")),
            .accepted(messageIds: ["m-c"]),
        ])
        #expect(try await store.message(id: "m-b") == nil)
        // A rejected event is not remembered: sent again (fixed), it is accepted.
        let retried = try await store.ingest([events[1]]) { event, _ throws(IngestRejection) in
            EventPlan(messages: [], supersedesOlderMessages: false)
        }
        #expect(retried == [.accepted(messageIds: [])])
    }

    static func claimsInPriorityOrderOnce(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [
            Fixtures.message(id: "bulk", priority: .bulk, notBefore: now.addingTimeInterval(-60)),
            Fixtures.message(id: "urgent", priority: .urgent, notBefore: now.addingTimeInterval(-1)),
            Fixtures.message(id: "normal", priority: .normal, notBefore: now.addingTimeInterval(-30)),
            Fixtures.message(id: "later", priority: .urgent, notBefore: now.addingTimeInterval(60)),
        ])
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w1", leaseSeconds: 30)
        #expect(claimed.map(\.message.id) == ["urgent", "normal", "bulk"])
        #expect(claimed.allSatisfy { $0.attempt == 1 && !$0.previousAttemptInDoubt && $0.message.state == .sending })
        #expect(try await store.claimDue(now: now, limit: 10, leaseOwner: "w2", leaseSeconds: 30).isEmpty)
        #expect(try await store.attempts(messageId: "urgent").map(\.outcome) == [.open])
    }

    static func lapsedLeaseComesBackInDoubt(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let first = try await store.claimDue(now: now, limit: 1, leaseOwner: "dead", leaseSeconds: 30)
        #expect(first.count == 1)
        #expect(try await store.claimDue(now: now.addingTimeInterval(29), limit: 1, leaseOwner: "w2", leaseSeconds: 30).isEmpty)
        let second = try await store.claimDue(now: now.addingTimeInterval(31), limit: 1, leaseOwner: "w2", leaseSeconds: 30)
        #expect(second.map(\.attempt) == [2])
        #expect(second.first?.previousAttemptInDoubt == true)
        #expect(try await store.inDoubtAttemptCount() == 1)
        // The dead worker's late answer must not overwrite the live claim.
        try await store.record([AttemptOutcome(messageId: "m1", attempt: 1, provider: "p", result: .sent(providerMessageId: "late"), finishedAt: now.addingTimeInterval(32))])
        #expect(try await store.message(id: "m1")?.state == .sending)
        try await store.record([AttemptOutcome(messageId: "m1", attempt: 2, provider: "p", result: .sent(providerMessageId: "p2"), finishedAt: now.addingTimeInterval(33))])
        let message = try #require(try await store.message(id: "m1"))
        #expect(message.state == .sent)
        #expect(message.providerMessageId == "p2")
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt, .sent])
    }

    static func receiptsMoveForwardOnly(_ store: any Store) async throws {
        try await Fixtures.sendOne(store, id: "m1", providerMessageId: "p1")
        let applied = try await store.record(Fixtures.receipt(providerMessageId: "p1", .accepted))
        #expect(applied == .applied(messageId: "m1"))
        #expect(try await store.message(id: "m1")?.state == .sent)
        try await store.record(Fixtures.receipt(providerMessageId: "p1", .delivered))
        #expect(try await store.message(id: "m1")?.state == .delivered)
        try await store.record(Fixtures.receipt(providerMessageId: "p1", .undelivered))
        try await store.record(Fixtures.receipt(providerMessageId: "p1", .accepted))
        #expect(try await store.message(id: "m1")?.state == .delivered)
        let byMessageId = DeliveryReceipt(provider: "p", messageId: "m1", providerMessageId: nil, status: .delivered, detail: "x", receivedAt: Fixtures.now)
        // The attempt has its final report already: acknowledged, not kept again.
        #expect(try await store.record(byMessageId) == .duplicate(messageId: "m1"))
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "unknown", .delivered)) == .unmatched)
    }

    static func lateReceiptSettlesRetry(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "t", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        try await store.record([AttemptOutcome(messageId: "t", attempt: 1, provider: "p", result: .retry(failure: .transient("timeout", "no answer"), retryAt: now.addingTimeInterval(60)), finishedAt: now)])
        let receipt = DeliveryReceipt(provider: "p", messageId: "t", providerMessageId: "t", status: .delivered, detail: "late", receivedAt: now)
        #expect(try await store.record(receipt) == .applied(messageId: "t"))
        #expect(try await store.message(id: "t")?.state == .delivered)
        #expect(try await store.claimDue(now: now.addingTimeInterval(120), limit: 5, leaseOwner: "w", leaseSeconds: 30).isEmpty)
    }

    static func earlyReceiptIsAppliedLater(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let claimed = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "p1", .delivered)) == .unmatched)
        try await store.record([AttemptOutcome(messageId: "m1", attempt: claimed[0].attempt, provider: "p", result: .sent(providerMessageId: "p1"), finishedAt: now)])
        #expect(try await store.message(id: "m1")?.state == .delivered)

        // A receipt that names the message itself (Kannel's dlr-url) may land while it is still sending.
        try await Fixtures.insert(store, [Fixtures.message(id: "m2", notBefore: now)])
        let second = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        let early = DeliveryReceipt(provider: "p", messageId: "m2", providerMessageId: "m2", status: .delivered, detail: "x", receivedAt: now)
        #expect(try await store.record(early) == .applied(messageId: "m2"))
        let delivered = try #require(try await store.message(id: "m2"))
        #expect(delivered.state == .delivered)
        #expect(delivered.provider == "p")
        try await store.record([AttemptOutcome(messageId: "m2", attempt: second[0].attempt, provider: "p", result: .sent(providerMessageId: "m2"), finishedAt: now)])
        #expect(try await store.message(id: "m2")?.state == .delivered)
    }

    static func retryAndFailureOutcomes(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "r", notBefore: now), Fixtures.message(id: "f", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 2, leaseOwner: "w", leaseSeconds: 30)
        let failure = SubmitFailure.transient("http_503", "busy")
        try await store.record([
            AttemptOutcome(messageId: "r", attempt: 1, provider: "p", result: .retry(failure: failure, retryAt: now.addingTimeInterval(100)), finishedAt: now),
            AttemptOutcome(messageId: "f", attempt: 1, provider: "p", result: .failed(failure: .permanent("invalid_number", "no such subscriber"), reason: "permanent invalid_number: no such subscriber"), finishedAt: now),
        ])
        let retried = try #require(try await store.message(id: "r"))
        #expect(retried.state == .pending)
        #expect(retried.notBefore.epochMilliseconds == now.addingTimeInterval(100).epochMilliseconds)
        #expect(retried.lastError?.contains("http_503") == true)
        let failed = try #require(try await store.message(id: "f"))
        #expect(failed.state == .failed)
        #expect(failed.lastError?.contains("invalid_number") == true)
        #expect(try await store.claimDue(now: now.addingTimeInterval(99), limit: 5, leaseOwner: "w", leaseSeconds: 30).isEmpty)
        #expect(try await store.claimDue(now: now.addingTimeInterval(101), limit: 5, leaseOwner: "w", leaseSeconds: 30).map(\.attempt) == [2])
    }

    static func expiredMessagesAreNotClaimed(_ store: any Store) async throws {
        let now = Fixtures.now
        var old = Fixtures.message(id: "old", notBefore: now.addingTimeInterval(-100))
        old.expiresAt = now.addingTimeInterval(-1)
        try await Fixtures.insert(store, [old, Fixtures.message(id: "fresh", notBefore: now)])
        #expect(try await store.claimDue(now: now, limit: 5, leaseOwner: "w", leaseSeconds: 30).map(\.message.id) == ["fresh"])
        #expect(try await store.expireDue(now: now) == 1)
        #expect(try await store.message(id: "old")?.state == .expired)
    }

    static func releasedLeasesReturnToPending(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(try await store.releaseLeases(["m1"], owner: "other", now: now) == 0)
        #expect(try await store.releaseLeases(["m1", "unknown"], owner: "w", now: now) == 1)
        let released = try #require(try await store.message(id: "m1"))
        #expect(released.state == .pending)
        // The released claim never reached the provider: it uses up no attempt.
        #expect(released.attempts == 0)
        #expect(try await store.attempts(messageId: "m1").isEmpty)
        let again = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(again.map(\.attempt) == [1])
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.open])
    }

    static func newerStatusSupersedes(_ store: any Store) async throws {
        let plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, snapshot in
            EventPlan(messages: [Fixtures.message(for: event, id: "m-" + event.eventId)], supersedesOlderMessages: snapshot != nil)
        }
        _ = try await store.ingest([Fixtures.event("first")], plan: plan)
        var newer = Fixtures.event("second")
        newer.status = .resultReady
        newer.occurredAt = newer.occurredAt.addingTimeInterval(60)
        _ = try await store.ingest([newer], plan: plan)
        let superseded = try #require(try await store.message(id: "m-first"))
        #expect(superseded.state == .cancelled)
        #expect(superseded.lastError?.contains("superseded") == true)
        #expect(try await store.message(id: "m-second")?.state == .pending)
    }

    static func concurrentClaimersNeverShare(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, (0..<200).map { Fixtures.message(id: "m\($0)", notBefore: now) })
        let batches = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let claimed = try await store.claimDue(now: now, limit: 7, leaseOwner: "w\(worker)", leaseSeconds: 30)
                        if claimed.isEmpty { return mine }
                        mine += claimed.map(\.message.id)
                    }
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        let all = batches.flatMap { $0 }
        #expect(all.count == 200)
        #expect(Set(all).count == 200)
    }

    static func operatorsCancelUnsentOnly(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "waiting", notBefore: now.addingTimeInterval(600))])
        try await Fixtures.sendOne(store, id: "gone", providerMessageId: "p1")
        try await Fixtures.insert(store, [Fixtures.message(id: "busy", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        let outcomes = try await store.cancel(ids: ["waiting", "gone", "busy", "nope"], reason: "cancelled by operator", at: now)
        #expect(outcomes == ["waiting": .cancelled, "gone": .notAllowed(state: .sent), "busy": .notAllowed(state: .sending), "nope": .notFound])
        let cancelled = try #require(try await store.message(id: "waiting"))
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.lastError == "cancelled by operator")
        // The cancelled one never comes back; the one being sent does, once its lease lapses.
        #expect(try await store.claimDue(now: now.addingTimeInterval(3600), limit: 5, leaseOwner: "w2", leaseSeconds: 30).map(\.message.id) == ["busy"])
    }

    static func operatorRetryCreatesNewMessage(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "f", notBefore: now), Fixtures.message(id: "p", notBefore: now.addingTimeInterval(600))])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        try await store.record([AttemptOutcome(messageId: "f", attempt: 1, provider: "p", result: .failed(failure: .permanent("x", "y"), reason: "permanent x: y"), finishedAt: now)])
        let later = now.addingTimeInterval(60)
        let outcomes = try await store.retry(ids: ["f", "p", "nope"], at: later, quietHours: .none)
        #expect(outcomes["p"] == .notAllowed(state: .pending))
        #expect(outcomes["nope"] == .notFound)
        guard case .retried(let newId)? = outcomes["f"] else {
            Issue.record("the failed message should be retried, got \(String(describing: outcomes["f"]))")
            return
        }
        #expect(try await store.message(id: "f")?.state == .failed)
        let copy = try #require(try await store.message(id: newId))
        #expect(copy.state == .pending)
        #expect(copy.retryOf == "f")
        #expect(copy.text == Fixtures.text)
        #expect(copy.attempts == 0)
        // Retrying again while the copy is unfinished answers the same copy.
        #expect(try await store.retry(ids: ["f"], at: later, quietHours: .none)["f"] == .retried(newMessageId: newId))
        #expect(try await store.claimDue(now: later, limit: 5, leaseOwner: "w", leaseSeconds: 30).map(\.message.id) == [newId])
    }

    static func keysFoundByHashUntilRevoked(_ store: any Store) async throws {
        let (key, secret) = APIKeySecret.issue(name: "motcua", role: .ingest, commune: nil, at: Fixtures.now)
        #expect(key.secretHash != secret)
        #expect(!key.secretHash.contains(secret))
        try await store.insert(key)
        #expect(try await store.activeKey(secretHash: APIKeySecret.hash(secret))?.id == key.id)
        #expect(try await store.activeKey(secretHash: APIKeySecret.hash(secret + "x")) == nil)
        #expect(try await store.revokeKey(id: key.id, at: Fixtures.now))
        #expect(try await store.revokeKey(id: key.id, at: Fixtures.now) == false)
        #expect(try await store.activeKey(secretHash: APIKeySecret.hash(secret)) == nil)
        #expect(try await store.keys().first?.revokedAt != nil)
    }
}
