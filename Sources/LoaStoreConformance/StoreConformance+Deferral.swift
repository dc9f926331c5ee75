import Foundation
import LoaCore
import LoaStore
import Testing

extension StoreConformance {
    /// What routing asks of the store: a claim no provider could take goes back unspent.
    static let deferralCases: [StoreConformance] = [
        StoreConformance(name: "a deferred claim waits until its time without using an attempt; a stale deferral changes nothing", check: deferredClaimUsesNoAttempt),
    ]

    static func deferredClaimUsesNoAttempt(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let claimed = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.map(\.attempt) == [1])
        let until = now.addingTimeInterval(30)
        try await store.record([AttemptOutcome(
            messageId: "m1", attempt: 1, provider: "smpp", result: .deferred(until: until, reason: "circuitOpen: test"), finishedAt: now)])
        let deferred = try #require(try await store.message(id: "m1"))
        #expect(deferred.state == .pending)
        #expect(deferred.attempts == 0)
        #expect(deferred.notBefore == until)
        #expect(deferred.lastError == "circuitOpen: test")
        #expect(try await store.attempts(messageId: "m1").isEmpty)
        #expect(try await store.claimDue(now: now.addingTimeInterval(29), limit: 1, leaseOwner: "w", leaseSeconds: 30).isEmpty)

        // Claimed again when due: the same attempt number, and a deferral of the old claim is stale.
        let again = try await store.claimDue(now: until, limit: 1, leaseOwner: "w2", leaseSeconds: 30)
        #expect(again.map(\.attempt) == [1])
        try await store.record([AttemptOutcome(messageId: "m1", attempt: 1, provider: "smpp", result: .sent(providerMessageId: "p1"), finishedAt: until)])
        try await store.record([AttemptOutcome(
            messageId: "m1", attempt: 1, provider: "smpp", result: .deferred(until: until.addingTimeInterval(60), reason: "stale"), finishedAt: until)])
        let sent = try #require(try await store.message(id: "m1"))
        #expect(sent.state == .sent)
        #expect(sent.attempts == 1)
    }
}
