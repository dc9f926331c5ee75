import LoaCore
import Testing

@Suite("Quiet hours")
struct QuietHoursTests {
    /// 2026-11-30 00:00 in Vietnam, as seconds since 1970 (UTC 2026-11-29 17:00).
    static let vietnamMidnight: Double = 1_795_971_600

    func at(_ hour: Int, _ minute: Int = 0) -> Double { Self.vietnamMidnight + Double(hour * 3600 + minute * 60) }

    @Test("21:00–07:00: evening and early-morning messages wait until 07:00 Vietnam time")
    func standardWindow() {
        let quiet = QuietHours.standard
        #expect(quiet.sendableTime(forEpochSeconds: at(20, 59), priority: .normal) == at(20, 59))
        #expect(quiet.sendableTime(forEpochSeconds: at(21), priority: .normal) == at(31))
        #expect(quiet.sendableTime(forEpochSeconds: at(23, 30), priority: .bulk) == at(31))
        #expect(quiet.sendableTime(forEpochSeconds: at(3), priority: .normal) == at(7))
        #expect(quiet.sendableTime(forEpochSeconds: at(6, 59), priority: .normal) == at(7))
        #expect(quiet.sendableTime(forEpochSeconds: at(7), priority: .normal) == at(7))
        #expect(quiet.sendableTime(forEpochSeconds: at(12), priority: .bulk) == at(12))
    }

    @Test("urgent messages go at once, even at night")
    func urgent() {
        #expect(QuietHours.standard.sendableTime(forEpochSeconds: at(23), priority: .urgent) == at(23))
    }

    @Test("a window within one day, and no window")
    func otherWindows() {
        let lunch = QuietHours(startMinute: 11 * 60 + 30, endMinute: 13 * 60 + 30)
        #expect(lunch.sendableTime(forEpochSeconds: at(12), priority: .normal) == at(13, 30))
        #expect(lunch.sendableTime(forEpochSeconds: at(14), priority: .normal) == at(14))
        #expect(QuietHours.none.sendableTime(forEpochSeconds: at(23), priority: .normal) == at(23))
    }

    @Test("HH:mm parsing", arguments: [("21:00", 1260), ("07:05", 425), ("0:00", 0), ("23:59", 1439)])
    func parsing(text: String, minutes: Int) {
        #expect(QuietHours.minutes(text) == minutes)
    }

    @Test("bad times are refused", arguments: ["24:00", "7", "07:5", "ab:cd", "-1:00"])
    func badTimes(text: String) {
        #expect(QuietHours.minutes(text) == nil)
    }
}

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("a burst goes at once, then takes are spaced by the rate")
    func spacing() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 3)
        #expect(bucket.take(atSeconds: 0) == 0)
        #expect(bucket.take(atSeconds: 0) == 0)
        #expect(bucket.take(atSeconds: 0) == 0)
        #expect(abs(bucket.take(atSeconds: 0) - 0.1) < 1e-9)
        #expect(abs(bucket.take(atSeconds: 0) - 0.2) < 1e-9)
        // One second later the bucket has refilled (to its burst, no more).
        #expect(bucket.take(atSeconds: 1.2) == 0)
        #expect(bucket.take(atSeconds: 1.2) == 0)
        #expect(bucket.take(atSeconds: 1.2) == 0)
        #expect(bucket.take(atSeconds: 1.2) > 0)
    }
}
