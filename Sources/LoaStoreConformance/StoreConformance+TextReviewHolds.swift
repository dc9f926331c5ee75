import Foundation
import LoaCore
import LoaStore
import Testing

/// Messages held for an operator while their text is unreviewed (``TextReviewHolds``).
extension StoreConformance {
    static let textReviewHoldCases: [StoreConformance] = [
        StoreConformance(name: "a message held for a text review is never claimed, says why it waits, and still expires", check: heldMessageWaitsAndExpires),
        StoreConformance(name: "an operator releases a held message as written or in Vietnamese, once", check: operatorReleasesHeldMessage),
        StoreConformance(name: "a review of the held text releases it by itself; the holds of cancelled messages are forgotten", check: reviewReleasesHeldMessage),
    ]

    /// The Mông text a held message carries, and the SHA-256 its hold names.
    static let heldText = "Nyob zoo Giang A Vang. Koj cov ntaub ntawv npaj txhij lawm."
    static let heldTextSHA256 = String(repeating: "a", count: 64)

    /// A message held for a review of `sha256`, due at `due` (default now), with its Vietnamese text beside it.
    static func heldMessage(_ id: String, sha256: String = heldTextSHA256, due: Date = Fixtures.now, recipient: String = "+84912345678") -> StoredMessage {
        var message = Fixtures.message(id: id, notBefore: Fixtures.now, recipient: recipient)
        message.locale = .hmong
        message.text = heldText
        message.unreviewedLocale = .hmong
        message.notBefore = message.expiresAt
        message.waitReason = .textReview
        message.textReviewHold = TextReviewHold(
            textSHA256: sha256, dueAt: due,
            alternative: TextReviewHold.AlternativeText(
                locale: .vietnamese, text: "Hồ sơ của ông/bà đã có kết quả.", encoding: .ucs2, segments: 1))
        return message
    }

    static func heldMessageWaitsAndExpires(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [heldMessage("held")])
        let stored = try #require(try await store.message(id: "held"))
        #expect(stored.state == .pending)
        #expect(stored.waitingFor(at: now) == .textReview)
        #expect(stored.waitingFor(at: stored.expiresAt.addingTimeInterval(-1)) == .textReview, "it waits until its expiry")
        let hold = try await store.textReviewHold(messageId: "held")
        #expect(hold == heldMessage("held").textReviewHold)
        let claimed = try await store.claimDue(now: stored.expiresAt.addingTimeInterval(-1), limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.isEmpty, "no claim takes a held message")
        let summary = try await store.statusSummary(now: now)
        #expect(summary.waiting[.textReview] == 1)

        #expect(try await store.expireDue(now: stored.expiresAt) == 1)
        #expect(try await store.message(id: "held")?.state == .expired)
        #expect(try await store.sweepTextReviewHolds(approved: [], at: stored.expiresAt, quietHours: .none).isEmpty)
        #expect(try await store.textReviewHold(messageId: "held") == nil, "an expired message's Vietnamese text is not kept")
    }

    static func operatorReleasesHeldMessage(_ store: any Store) async throws {
        let now = Fixtures.now
        let tomorrow = now.addingTimeInterval(86_400)
        try await Fixtures.insert(store, [
            heldMessage("asWritten"), heldMessage("inVietnamese", recipient: "+84912345679"),
            heldMessage("reminder", due: tomorrow, recipient: "+84912345670"), Fixtures.message(id: "plain", notBefore: now),
        ])
        let outcomes = try await store.releaseHeld(ids: ["asWritten", "reminder", "plain", "missing"], sending: .unreviewed, at: now, quietHours: .none)
        #expect(outcomes == ["asWritten": .released, "reminder": .released, "plain": .notHeld(state: .pending), "missing": .notFound])
        let vietnamese = try await store.releaseHeld(ids: ["inVietnamese"], sending: .vietnamese, at: now, quietHours: .none)
        #expect(vietnamese == ["inVietnamese": .released])

        let asWritten = try #require(try await store.message(id: "asWritten"))
        #expect(asWritten.text == heldText && asWritten.locale == .hmong)
        #expect(asWritten.unreviewedLocale == .hmong, "sent unreviewed: still marked")
        #expect(asWritten.notBefore == now && asWritten.waitingFor(at: now) == nil)
        let replaced = try #require(try await store.message(id: "inVietnamese"))
        #expect(replaced.text == "Hồ sơ của ông/bà đã có kết quả.")
        #expect(replaced.locale == .vietnamese && replaced.encoding == .ucs2 && replaced.segments == 1)
        #expect(replaced.unreviewedLocale == .hmong, "marked as replacing the unreviewed text")
        let reminder = try #require(try await store.message(id: "reminder"))
        #expect(reminder.notBefore == tomorrow && reminder.waitingFor(at: now) == .scheduled, "a reminder keeps its day")
        #expect(try await store.textReviewHold(messageId: "asWritten") == nil)

        let again = try await store.releaseHeld(ids: ["asWritten"], sending: .vietnamese, at: now, quietHours: .none)
        #expect(again == ["asWritten": .notHeld(state: .pending)], "released once")
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(Set(claimed.map(\.message.id)) == ["asWritten", "inVietnamese", "plain"])
        #expect(claimed.first { $0.message.id == "inVietnamese" }?.message.text == "Hồ sơ của ông/bà đã có kết quả.")

        // Released during quiet hours, it goes when they end.
        try await Fixtures.insert(store, [heldMessage("atNight", recipient: "+84912345671")])
        let quiet = QuietHours(startMinute: 7 * 60, endMinute: 9 * 60)
        _ = try await store.releaseHeld(ids: ["atNight"], sending: .unreviewed, at: now, quietHours: quiet)
        let atNight = try #require(try await store.message(id: "atNight"))
        let sendable = quiet.sendableTime(forEpochSeconds: now.timeIntervalSince1970, priority: .normal)
        #expect(sendable > now.timeIntervalSince1970, "the fixture's instant is inside these quiet hours")
        #expect(atNight.notBefore == Date(timeIntervalSince1970: sendable) && atNight.waitingFor(at: now) == .quietHours)

        // Statistics count a message released in Vietnamese under its new locale.
        let byLocale = try await store.statistics(StatisticsQuery(
            from: now.addingTimeInterval(-2 * 86_400), to: now.addingTimeInterval(2 * 86_400), groupBy: .locale))
        let counts = Dictionary(uniqueKeysWithValues: byLocale.groups.map { ($0.key, $0.tally.total) })
        #expect(counts == ["hmn": 3, "vi": 2])
    }

    static func reviewReleasesHeldMessage(_ store: any Store) async throws {
        let now = Fixtures.now
        let other = String(repeating: "b", count: 64)
        try await Fixtures.insert(store, [
            heldMessage("reviewed"), heldMessage("changedSince", sha256: other, recipient: "+84912345679"),
            heldMessage("cancelled", recipient: "+84912345670"),
        ])
        let unrelated = [
            ApprovedText(kind: .resultReady, locale: .hmong, sha256: String(repeating: "c", count: 64)),
            ApprovedText(kind: .supplementRequired, locale: .hmong, sha256: heldTextSHA256),
            ApprovedText(kind: .resultReady, locale: .vietnamese, sha256: heldTextSHA256),
        ]
        #expect(try await store.sweepTextReviewHolds(approved: unrelated, at: now, quietHours: .none).isEmpty,
                "only a review of the same kind, locale and text releases")
        #expect(try await store.cancel(ids: ["cancelled"], reason: "test", at: now) == ["cancelled": .cancelled])

        let approved = ApprovedText(kind: .resultReady, locale: .hmong, sha256: heldTextSHA256)
        let released = try await store.sweepTextReviewHolds(approved: unrelated + [approved], at: now, quietHours: .none)
        #expect(released == ["reviewed"])
        let reviewed = try #require(try await store.message(id: "reviewed"))
        #expect(reviewed.unreviewedLocale == nil, "its text is reviewed now")
        #expect(reviewed.text == heldText && reviewed.waitingFor(at: now) == nil && reviewed.notBefore == now)
        #expect(try await store.message(id: "changedSince")?.waitingFor(at: now) == .textReview)
        #expect(try await store.textReviewHold(messageId: "changedSince") != nil)
        #expect(try await store.textReviewHold(messageId: "cancelled") == nil, "a cancelled message's hold is forgotten")
        #expect(try await store.message(id: "cancelled")?.state == .cancelled)
        #expect(try await store.sweepTextReviewHolds(approved: [approved], at: now, quietHours: .none).isEmpty, "released once")
    }
}
