import LoaCore
import Testing

@Suite("Recipient daily cap")
struct RecipientDailyCapTests {
    /// 2026-11-30 00:00 in Vietnam, as seconds since 1970 (UTC 2026-11-29 17:00).
    static let vietnamMidnight: Double = 1_795_971_600

    @Test("days are Vietnam calendar days: they turn at 17:00 UTC")
    func vietnamDays() {
        let day = RecipientDailyCap.vietnamDay(ofEpochSeconds: Self.vietnamMidnight)
        #expect(RecipientDailyCap.vietnamDay(ofEpochSeconds: Self.vietnamMidnight - 1) == day - 1)
        #expect(RecipientDailyCap.vietnamDay(ofEpochSeconds: Self.vietnamMidnight + 86_399) == day)
        #expect(RecipientDailyCap.vietnamDay(ofEpochSeconds: Self.vietnamMidnight + 86_400) == day + 1)
        #expect(RecipientDailyCap.vietnamDay(ofEpochSeconds: -1) == RecipientDailyCap.vietnamDay(ofEpochSeconds: 0))
    }

    @Test("over the cap, normal and bulk messages wait; urgent ones never do")
    func holdsBack() {
        let cap = RecipientDailyCap(limit: 3, quietHours: .standard)
        #expect(!cap.holdsBack(priority: .normal, alreadySentToday: 2))
        #expect(cap.holdsBack(priority: .normal, alreadySentToday: 3))
        #expect(cap.holdsBack(priority: .bulk, alreadySentToday: 7))
        #expect(!cap.holdsBack(priority: .urgent, alreadySentToday: 100))
    }

    @Test("a held message goes the next morning when quiet hours end, or at midnight without them")
    func releaseTime() {
        let day = RecipientDailyCap.vietnamDay(ofEpochSeconds: Self.vietnamMidnight + 10 * 3600)
        let nextMidnight = Self.vietnamMidnight + 86_400
        #expect(RecipientDailyCap(limit: 1, quietHours: .standard).releaseTime(afterDay: day, priority: .normal) == nextMidnight + 7 * 3600)
        #expect(RecipientDailyCap(limit: 1, quietHours: .none).releaseTime(afterDay: day, priority: .normal) == nextMidnight)
    }
}
