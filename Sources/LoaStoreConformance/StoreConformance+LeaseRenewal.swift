import Foundation
import LoaCore
import LoaStore
import Testing

/// Lease renewal: a claim kept alive while its submission runs long is not taken back.
extension StoreConformance {
    static let leaseRenewalCases: [StoreConformance] = [
        StoreConformance(name: "a renewed lease is not taken back while it holds; it lapses from its new end", check: renewedLeaseHolds),
        StoreConformance(name: "only the lease's owner renews it, and never after another claim or the outcome", check: renewalNeedsTheLease),
    ]

    static func renewedLeaseHolds(_ store: any Store) async throws {
        let leases = try #require(store as? any LeaseRenewal, "every driver renews leases")
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now), Fixtures.message(id: "m2", notBefore: now)])
        let claimed = try await store.claimDue(now: now, limit: 2, leaseOwner: "w1", leaseSeconds: 30)
        #expect(claimed.count == 2)
        // At 20 s, w1 extends both leases to 80 s.
        let renewed = try await leases.renewLeases(["m1", "m2", "unknown"], owner: "w1", until: now.addingTimeInterval(80))
        #expect(renewed == 2)
        let atSixty = try await store.claimDue(now: now.addingTimeInterval(60), limit: 5, leaseOwner: "w2", leaseSeconds: 30)
        #expect(atSixty.isEmpty)
        let outcomes = try await store.attempts(messageId: "m1").map(\.outcome)
        #expect(outcomes == [.open])
        // w1 writes m1's outcome while its lease holds; m2's lease lapses from its new end.
        try await store.record([AttemptOutcome(messageId: "m1", attempt: 1, provider: "p", result: .sent(providerMessageId: "p1"), finishedAt: now.addingTimeInterval(70))])
        let firstState = try await store.message(id: "m1")?.state
        #expect(firstState == .sent)
        let later = try await store.claimDue(now: now.addingTimeInterval(81), limit: 5, leaseOwner: "w2", leaseSeconds: 30)
        #expect(later.map(\.message.id) == ["m2"])
        #expect(later.first?.previousAttemptInDoubt == true)
    }

    static func renewalNeedsTheLease(_ store: any Store) async throws {
        let leases = try #require(store as? any LeaseRenewal, "every driver renews leases")
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now), Fixtures.message(id: "m2", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 2, leaseOwner: "w1", leaseSeconds: 30)
        // Another worker's renewal changes nothing: m1 still lapses at 30 s.
        let byAnotherWorker = try await leases.renewLeases(["m1"], owner: "w2", until: now.addingTimeInterval(600))
        #expect(byAnotherWorker == 0)
        // m2's outcome is written; renewing it afterwards changes nothing either.
        try await store.record([AttemptOutcome(messageId: "m2", attempt: 1, provider: "p", result: .sent(providerMessageId: "p2"), finishedAt: now.addingTimeInterval(1))])
        let afterOutcome = try await leases.renewLeases(["m2"], owner: "w1", until: now.addingTimeInterval(600))
        #expect(afterOutcome == 0)
        let taken = try await store.claimDue(now: now.addingTimeInterval(31), limit: 5, leaseOwner: "w2", leaseSeconds: 30)
        #expect(taken.map(\.message.id) == ["m1"])
        // Once w2 holds m1, w1 can no longer extend it: w2's lease ends at 61 s as it took it.
        let afterTakeover = try await leases.renewLeases(["m1"], owner: "w1", until: now.addingTimeInterval(600))
        #expect(afterTakeover == 0)
        let again = try await store.claimDue(now: now.addingTimeInterval(62), limit: 5, leaseOwner: "w3", leaseSeconds: 30)
        #expect(again.map(\.message.id) == ["m1"])
        let secondState = try await store.message(id: "m2")?.state
        #expect(secondState == .sent)
    }
}
