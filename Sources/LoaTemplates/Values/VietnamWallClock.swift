public import Foundation

/// An instant as a clock on a wall in Vietnam shows it: Asia/Ho_Chi_Minh is UTC+7 all year (no
/// daylight saving), so a fixed offset is exact and needs no time zone database.
public struct VietnamWallClock: Equatable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int

    /// Vietnam's offset from UTC.
    static let utcOffsetSeconds = 7 * 3600

    /// The wall clock at `instant`.
    public init(_ instant: Date) {
        // Held within ±10^15 s (31 million years) so that no instant, however odd, traps.
        let since1970 = instant.timeIntervalSince1970.rounded(.down)
        let bounded = since1970.isNaN ? 0 : min(max(since1970, -1e15), 1e15)
        let seconds = Int(bounded) + VietnamWallClock.utcOffsetSeconds
        let (days, secondOfDay) = VietnamWallClock.floorDivision(seconds, 86_400)
        (year, month, day) = VietnamWallClock.civilDate(daysSince1970: days)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date `days` after 1970-01-01.
    private static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
