/// Vietnam calendar days (UTC+7 all year, no daylight saving) as day numbers: what daily
/// statistics group by.
public enum VietnamDay {
    /// Vietnam's offset from UTC, in hours.
    public static let offsetHours: Int64 = 7

    /// The day number (days since 1970-01-01 in Vietnam time) of the hour `hour` (hours since
    /// 1970-01-01T00:00Z).
    public static func dayNumber(ofHour hour: Int64) -> Int64 {
        (hour + offsetHours).floorDivided(by: 24)
    }

    /// `yyyy-MM-dd` of a day number (civil-from-days, proleptic Gregorian).
    public static func label(ofDayNumber day: Int64) -> String {
        let z = day + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
