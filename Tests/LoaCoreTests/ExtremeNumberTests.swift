import Foundation
import LoaCore
import Testing

/// Numbers from outside, at the edges of their types, give answers instead of traps.
@Suite("Numbers at the edges of their types")
struct ExtremeNumberTests {
    @Test("instants beyond 64 bits of milliseconds saturate; NaN counts as 1970")
    func epochMilliseconds() {
        #expect(Date(timeIntervalSince1970: 1e300).epochMilliseconds == .max)
        #expect(Date(timeIntervalSince1970: -1e300).epochMilliseconds == .min)
        #expect(Date(timeIntervalSince1970: .infinity).epochMilliseconds == .max)
        #expect(Date(timeIntervalSince1970: -.infinity).epochMilliseconds == .min)
        #expect(Date(timeIntervalSince1970: .nan).epochMilliseconds == 0)
        // 9.3e18 ms is past Int64.max (about 9.22e18), 9.2e18 is not.
        #expect(Date(timeIntervalSince1970: 9.3e15).epochMilliseconds == .max)
        #expect(Date(timeIntervalSince1970: 9.2e15).epochMilliseconds == 9_200_000_000_000_000_000)
        #expect(Date(timeIntervalSince1970: 1_795_971_600.123).epochMilliseconds == 1_795_971_600_123)
        #expect(Date(timeIntervalSince1970: -1.5).epochMilliseconds == -1500)
    }

    @Test("quiet hours leave instants they cannot place alone", arguments: [
        Double.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18, -9.3e18, 1e15,
    ])
    func quietHoursFarAway(seconds: Double) {
        let after = QuietHours.standard.sendableTime(forEpochSeconds: seconds, priority: .normal)
        #expect(after == seconds || (after.isNaN && seconds.isNaN))
    }

    @Test("quiet hours still move a night-time instant to 07:00")
    func quietHoursStillWork() {
        // 2026-11-30 22:00 in Vietnam → 2026-12-01 07:00.
        let night = 1_795_971_600.0 + 22 * 3600
        #expect(QuietHours.standard.sendableTime(forEpochSeconds: night, priority: .normal) == night + 9 * 3600)
    }

    @Test("a calendar day is digits only: signs and spaces are not numbers here", arguments: [
        "+202-12-05", "2026-+1-05", "2026-12-+5", "2026--1-05", " 202-12-05", "2026-1 -05", "٢٠٢٦-12-05",
    ])
    func calendarDaySigns(text: String) {
        #expect(CalendarDay(iso8601: text) == nil)
    }

    @Test("ordinary calendar days still parse")
    func calendarDays() {
        #expect(CalendarDay(iso8601: "2026-12-05") == CalendarDay(year: 2026, month: 12, day: 5))
        #expect(CalendarDay(iso8601: "0001-01-01")?.year == 1)
        #expect(CalendarDay(iso8601: "2023-02-29") == nil)
    }
}
