import Foundation
import LoaCore
import LoaStore
import Testing

/// Claim rules with an injected clock: the in-doubt policy and the per-recipient daily cap.
extension StoreConformance {
    static func inDoubtFailPolicyEndsFailed(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "dead", leaseSeconds: 30)
        let rules = ClaimRules(inDoubt: .fail)
        #expect(try await store.claimDue(now: now.addingTimeInterval(31), limit: 5, leaseOwner: "w2", leaseSeconds: 30, rules: rules).isEmpty)
        let message = try #require(try await store.message(id: "m1"))
        #expect(message.state == .failed)
        #expect(message.lastError?.contains("in doubt") == true)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt])
        #expect(try await store.inDoubtAttemptCount() == 1)
        // Nothing is resent later either.
        #expect(try await store.claimDue(now: now.addingTimeInterval(3600), limit: 5, leaseOwner: "w2", leaseSeconds: 30).isEmpty)
    }

    /// A message whose worker dies every time it is sent (it may be what kills it) is resent
    /// `maxInDoubt` times, then ends failed instead of being claimed first after every restart.
    static func repeatedInDoubtEndsFailed(_ store: any Store) async throws {
        var now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let rules = ClaimRules(maxInDoubt: 2)
        #expect(try await store.claimDue(now: now, limit: 1, leaseOwner: "w0", leaseSeconds: 30, rules: rules).map(\.attempt) == [1])
        for worker in 1...2 {
            now.addTimeInterval(31)
            let claimed = try await store.claimDue(now: now, limit: 1, leaseOwner: "w\(worker)", leaseSeconds: 30, rules: rules)
            #expect(claimed.map(\.attempt) == [worker + 1])
            #expect(claimed.first?.previousAttemptInDoubt == true)
        }
        now.addTimeInterval(31)
        #expect(try await store.claimDue(now: now, limit: 1, leaseOwner: "w3", leaseSeconds: 30, rules: rules).isEmpty)
        let message = try #require(try await store.message(id: "m1"))
        #expect(message.state == .failed)
        #expect(message.lastError?.contains("in doubt 3 times") == true)
        #expect(message.lastError?.contains("dispatch.maxInDoubt") == true)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt, .inDoubt, .inDoubt])
        #expect(try await store.claimDue(now: now.addingTimeInterval(3600), limit: 5, leaseOwner: "w4", leaseSeconds: 30, rules: rules).isEmpty)
    }

    /// Fixtures.now is 07:53 Vietnam time; with a cap of 2, the third normal message to the same
    /// resident waits until 07:00 the next day, while an urgent one and another resident's go.
    static func dailyCapHoldsUntilNextMorning(_ store: any Store) async throws {
        let now = Fixtures.now
        let resident = "+84912345678"
        try await Fixtures.insert(store, [
            Fixtures.message(id: "n1", notBefore: now, recipient: resident),
            Fixtures.message(id: "n2", notBefore: now.addingTimeInterval(-2), recipient: resident),
            Fixtures.message(id: "n3", notBefore: now.addingTimeInterval(-1), recipient: resident),
            Fixtures.message(id: "u1", priority: .urgent, notBefore: now, recipient: resident),
            Fixtures.message(id: "other", notBefore: now, recipient: "+84987654321"),
        ])
        let cap = RecipientDailyCap(limit: 2, quietHours: .standard)
        let rules = ClaimRules(recipientDailyCap: cap)
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 3 * 86_400, rules: rules)
        // Urgent first, then by notBefore: n2 and n3 use up the resident's two; n1 waits.
        #expect(Set(claimed.map(\.message.id)) == ["u1", "n2", "n3", "other"])
        let held = try #require(try await store.message(id: "n1"))
        #expect(held.state == .pending)
        let today = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
        let nextVietnamMidnight = Double((today + 1) * 86_400 - 7 * 3600)
        let nextMorning = Date(timeIntervalSince1970: nextVietnamMidnight + 7 * 3600)
        #expect(held.notBefore == nextMorning, "held until \(held.notBefore), expected 07:00 Vietnam time the next day")
        #expect(try await store.claimDue(now: now.addingTimeInterval(3600), limit: 10, leaseOwner: "w", leaseSeconds: 3 * 86_400, rules: rules).isEmpty)
        let nextDay = try await store.claimDue(now: nextMorning, limit: 10, leaseOwner: "w", leaseSeconds: 3 * 86_400, rules: rules)
        #expect(nextDay.map(\.message.id) == ["n1"])
    }

    /// Past days' counts go; today's stay and still hold the cap.
    static func pastRecipientDaysAreForgotten(_ store: any Store) async throws {
        let now = Fixtures.now
        let resident = "+84912345678"
        try await Fixtures.insert(store, [
            Fixtures.message(id: "a", notBefore: now, recipient: resident),
            Fixtures.message(id: "b", notBefore: now, recipient: "+84987654321"),
        ])
        let rules = ClaimRules(recipientDailyCap: RecipientDailyCap(limit: 1, quietHours: .none))
        #expect(try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30, rules: rules).count == 2)
        let today = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
        #expect(try await store.forgetRecipientDays(before: today) == 0)
        try await Fixtures.insert(store, [Fixtures.message(id: "c", notBefore: now, recipient: resident)])
        #expect(try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30, rules: rules).isEmpty)
        #expect(try await store.forgetRecipientDays(before: today + 1) == 2)
        #expect(try await store.forgetRecipientDays(before: today + 1) == 0)
    }

    static func dailyCapCountsMessagesOnce(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "r1", notBefore: now), Fixtures.message(id: "r2", notBefore: now.addingTimeInterval(60))])
        let rules = ClaimRules(recipientDailyCap: RecipientDailyCap(limit: 1, quietHours: .none))
        let first = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30, rules: rules)
        #expect(first.map(\.message.id) == ["r1"])
        try await store.record([AttemptOutcome(
            messageId: "r1", attempt: first[0].attempt, provider: "p",
            result: .retry(failure: .transient("timeout", "no answer"), retryAt: now.addingTimeInterval(120)), finishedAt: now)])
        // r1's retry is not a new message: it goes; r2 would be the second message today and waits.
        let later = try await store.claimDue(now: now.addingTimeInterval(180), limit: 10, leaseOwner: "w", leaseSeconds: 30, rules: rules)
        #expect(later.map(\.message.id) == ["r1"])
        #expect(try await store.message(id: "r2")?.notBefore ?? now > now.addingTimeInterval(3600))
    }

    /// A resend is in flight when the report of the first, in-doubt attempt arrives; then the
    /// resending worker dies as well. Its attempt must not stay open for ever.
    static func receiptOvertakenAttemptClosesInDoubt(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "dead", leaseSeconds: 30)
        let resend = try await store.claimDue(now: now.addingTimeInterval(31), limit: 1, leaseOwner: "dies-too", leaseSeconds: 30)
        #expect(resend.map(\.attempt) == [2])
        let report = DeliveryReceipt(provider: "p", messageId: "m1", providerMessageId: nil, status: .delivered, detail: "dlr", receivedAt: now.addingTimeInterval(32))
        #expect(try await store.record(report) == .applied(messageId: "m1"))
        #expect(try await store.message(id: "m1")?.state == .delivered)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt, .open])
        // Before the second lease lapses nothing changes; after, the attempt is closed, nothing is resent.
        #expect(try await store.claimDue(now: now.addingTimeInterval(60), limit: 5, leaseOwner: "w", leaseSeconds: 30).isEmpty)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt, .open])
        #expect(try await store.claimDue(now: now.addingTimeInterval(62), limit: 5, leaseOwner: "w", leaseSeconds: 30).isEmpty)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.inDoubt, .inDoubt])
        #expect(try await store.message(id: "m1")?.state == .delivered)
    }

    /// A claim waiting for the provider's rate may outlive its lease; the worker that holds it
    /// is alive and will still send it, so only another worker (after a crash) takes it back.
    static func ownLapsedClaimsStayPut(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let first = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(try await store.claimDue(now: now.addingTimeInterval(40), limit: 5, leaseOwner: "w", leaseSeconds: 30).isEmpty)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.open])
        try await store.record([AttemptOutcome(messageId: "m1", attempt: first[0].attempt, provider: "p", result: .sent(providerMessageId: "p1"), finishedAt: now.addingTimeInterval(41))])
        #expect(try await store.message(id: "m1")?.state == .sent)
        #expect(try await store.attempts(messageId: "m1").map(\.outcome) == [.sent])
    }
}
