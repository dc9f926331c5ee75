import Foundation
import LoaCore
import LoaStore
import Testing

/// Receipts that cannot be replayed across attempts, one final report per attempt, provider
/// answers made safe, and messages that do not stay `sent` for ever.
extension StoreConformance {
    static let receiptCases: [StoreConformance] = [
        StoreConformance(name: "a report about an earlier attempt is kept for the record, never applied", check: staleAttemptReportIsNotApplied),
        StoreConformance(name: "one final report per attempt: a repeat is acknowledged, not stored again", check: oneFinalReportPerAttempt),
        StoreConformance(name: "a report waiting for its submit answer is applied once, to the attempt that named it", check: waitingReportAppliedOnce),
        StoreConformance(name: "stored provider answers are capped in bytes and free of control characters", check: providerAnswersAreSanitized),
        StoreConformance(name: "a sent message without a final report ends unreported after its provider's timeout", check: unreportedAfterTimeout),
        StoreConformance(name: "with no timeout per provider, every sent message waits the default", check: unreportedWithDefaultTimeoutOnly),
    ] + batchCases

    /// m1 is sent on its second attempt (the first timed out); the provider then reports the first.
    static func staleAttemptReportIsNotApplied(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        try await store.record([AttemptOutcome(
            messageId: "m1", attempt: 1, provider: "p",
            result: .retry(failure: .transient("timeout", "no answer"), retryAt: now.addingTimeInterval(10)), finishedAt: now)])
        let second = try await store.claimDue(now: now.addingTimeInterval(20), limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(second.map(\.attempt) == [2])
        try await store.record([AttemptOutcome(messageId: "m1", attempt: 2, provider: "p", result: .sent(providerMessageId: "m1"), finishedAt: now.addingTimeInterval(20))])

        let late = DeliveryReceipt(provider: "p", messageId: "m1", attempt: 1, providerMessageId: "m1", status: .undelivered, detail: "attempt 1 failed", receivedAt: now.addingTimeInterval(30))
        #expect(try await store.record(late) == .staleAttempt(messageId: "m1", attempt: 1, currentAttempt: 2))
        let waiting = try #require(try await store.message(id: "m1"))
        #expect(waiting.state == .sent)
        #expect(waiting.lastError?.contains("attempt 1 failed") != true)
        // Kept for the record, once, however often it comes.
        #expect(try await store.record(late) == .staleAttempt(messageId: "m1", attempt: 1, currentAttempt: 2))
        let kept = try await store.receipts(messageId: "m1")
        #expect(kept.count == 1)
        #expect(kept.first?.attempt == 1)
        #expect(kept.first?.applied == false)
        #expect(kept.first?.refusal == "stale_attempt")

        let current = DeliveryReceipt(provider: "p", messageId: "m1", attempt: 2, providerMessageId: "m1", status: .delivered, detail: "ok", receivedAt: now.addingTimeInterval(31))
        #expect(try await store.record(current) == .applied(messageId: "m1"))
        #expect(try await store.message(id: "m1")?.state == .delivered)
        #expect(try await store.receipts(messageId: "m1").map(\.applied) == [false, true])
    }

    static func oneFinalReportPerAttempt(_ store: any Store) async throws {
        try await Fixtures.sendOne(store, id: "m1", providerMessageId: "m1")
        func report(_ status: ReceiptStatus, _ detail: String) -> DeliveryReceipt {
            DeliveryReceipt(provider: "p", messageId: "m1", attempt: 1, providerMessageId: "m1", status: status, detail: detail, receivedAt: Fixtures.now)
        }
        #expect(try await store.record(report(.accepted, "smsc ack")) == .applied(messageId: "m1"))
        #expect(try await store.record(report(.accepted, "smsc ack again")) == .duplicate(messageId: "m1"))
        #expect(try await store.record(report(.delivered, "delivered")) == .applied(messageId: "m1"))
        // A replay, or a contradicting second final report, changes nothing and is not kept.
        #expect(try await store.record(report(.delivered, "delivered")) == .duplicate(messageId: "m1"))
        #expect(try await store.record(report(.undelivered, "forged failure")) == .duplicate(messageId: "m1"))
        let message = try #require(try await store.message(id: "m1"))
        #expect(message.state == .delivered)
        #expect(message.lastError == nil)
        let kept = try await store.receipts(messageId: "m1")
        #expect(kept.map(\.status) == [.accepted, .delivered])
        #expect(kept.map(\.detail) == ["smsc ack", "delivered"])
        #expect(kept.allSatisfy { $0.applied && $0.attempt == 1 && $0.refusal == nil })
    }

    /// A provider that knows only its own id reports before the submit answer is recorded, twice.
    static func waitingReportAppliedOnce(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        let claimed = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "p1", .delivered)) == .unmatched)
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "p1", .delivered)) == .unmatched)
        try await store.record([AttemptOutcome(messageId: "m1", attempt: claimed[0].attempt, provider: "p", result: .sent(providerMessageId: "p1"), finishedAt: now)])
        #expect(try await store.message(id: "m1")?.state == .delivered)
        let kept = try await store.receipts(messageId: "m1")
        #expect(kept.count == 1)
        #expect(kept.first?.attempt == claimed[0].attempt)
        #expect(kept.first?.applied == true)
        // Once matched, more of the same is a repeat.
        #expect(try await store.record(Fixtures.receipt(providerMessageId: "p1", .delivered)) == .duplicate(messageId: "m1"))
    }

    static func providerAnswersAreSanitized(_ store: any Store) async throws {
        try await Fixtures.sendOne(store, id: "m1", providerMessageId: "p1")
        let hostile = "\u{1B}[2Jstat:UNDELIV\r\nerr:011\u{0}\u{202E}" + String(repeating: "ế", count: 400)
        let report = DeliveryReceipt(provider: "p", messageId: nil, providerMessageId: "p1", status: .undelivered, detail: hostile, receivedAt: Fixtures.now)
        #expect(try await store.record(report) == .applied(messageId: "m1"))
        let kept = try #require(try await store.receipts(messageId: "m1").first)
        #expect(kept.detail.utf8.count <= ProviderAnswer.maxBytes)
        #expect(kept.detail.hasPrefix("[2Jstat:UNDELIV err:011 ếế"))
        #expect(kept.detail.hasSuffix("…"))
        #expect(!kept.detail.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        // What operators read on the message is the same cleaned answer.
        let message = try #require(try await store.message(id: "m1"))
        #expect(message.state == .undelivered)
        #expect(message.lastError == kept.detail)
    }

    static func unreportedAfterTimeout(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [
            Fixtures.message(id: "fast", notBefore: now), Fixtures.message(id: "slow", notBefore: now),
            Fixtures.message(id: "settled", notBefore: now),
        ])
        let claimed = try await store.claimDue(now: now, limit: 3, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.count == 3)
        try await store.record([
            AttemptOutcome(messageId: "fast", attempt: 1, provider: "kannel", result: .sent(providerMessageId: "fast"), finishedAt: now),
            AttemptOutcome(messageId: "slow", attempt: 1, provider: "sandbox", result: .sent(providerMessageId: "s1"), finishedAt: now),
            AttemptOutcome(messageId: "settled", attempt: 1, provider: "kannel", result: .sent(providerMessageId: "settled"), finishedAt: now),
        ])
        try await store.record(DeliveryReceipt(provider: "kannel", messageId: "settled", attempt: 1, providerMessageId: "settled", status: .delivered, detail: "ok", receivedAt: now))
        let timeouts = ReportTimeouts(byProvider: ["kannel": 48 * 3600])
        #expect(try await store.endUnreported(now: now.addingTimeInterval(48 * 3600 - 1), reportTimeouts: timeouts) == 0)
        #expect(try await store.endUnreported(now: now.addingTimeInterval(48 * 3600), reportTimeouts: timeouts) == 1)
        let fast = try #require(try await store.message(id: "fast"))
        #expect(fast.state == .unreported)
        #expect(fast.lastError?.contains("providers.kannel.reportTimeout") == true)
        #expect(try await store.message(id: "slow")?.state == .sent)
        #expect(try await store.endUnreported(now: now.addingTimeInterval(72 * 3600), reportTimeouts: timeouts) == 1)
        let counts = try await store.countsByState()
        #expect(counts[.unreported] == 2)
        #expect(counts[.delivered] == 1)
        #expect(counts[.sent] == nil)
        // A report that comes after all still settles the message.
        let late = DeliveryReceipt(provider: "kannel", messageId: "fast", attempt: 1, providerMessageId: "fast", status: .delivered, detail: "late", receivedAt: now.addingTimeInterval(50 * 3600))
        #expect(try await store.record(late) == .applied(messageId: "fast"))
        #expect(try await store.message(id: "fast")?.state == .delivered)
        #expect(try await store.endUnreported(now: now.addingTimeInterval(100 * 3600), reportTimeouts: timeouts) == 0)
    }

    /// The janitor's default: no provider named, one timeout for all.
    static func unreportedWithDefaultTimeoutOnly(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: now)])
        _ = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        try await store.record([
            AttemptOutcome(messageId: "m1", attempt: 1, provider: "sandbox", result: .sent(providerMessageId: "s1"), finishedAt: now),
        ])
        let timeouts = ReportTimeouts()
        #expect(try await store.endUnreported(now: now.addingTimeInterval(ReportTimeouts.defaultSeconds - 1), reportTimeouts: timeouts) == 0)
        #expect(try await store.endUnreported(now: now.addingTimeInterval(ReportTimeouts.defaultSeconds), reportTimeouts: timeouts) == 1)
        #expect(try await store.message(id: "m1")?.state == .unreported)
    }
}
