public import Foundation

extension CalendarDay {
    /// Midnight at the start of this day in Vietnam (UTC+7, no daylight saving).
    ///
    /// ```swift
    /// CalendarDay(year: 2026, month: 12, day: 5)!.vietnamMidnight   // 2026-12-04T17:00:00Z
    /// ```
    public var vietnamMidnight: Date {
        vietnamTime(hour: 0, minute: 0)
    }

    /// The instant a Vietnamese wall clock shows `hour`:`minute` on this day.
    public func vietnamTime(hour: Int, minute: Int) -> Date {
        let seconds = daysSince1970 * 86_400 + Int64(hour * 3600 + minute * 60) - QuietHours.vietnamOffsetSeconds
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Howard Hinnant's `days_from_civil`: days from 1970-01-01 to this day.
    var daysSince1970: Int64 {
        let year = Int64(month <= 2 ? self.year - 1 : self.year)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
