public import Foundation
public import LoaCore

/// Dates and times as Vietnamese spreadsheets write them: `dd/MM/yyyy HH:mm` in Vietnam time
/// (Asia/Ho_Chi_Minh, UTC+7), leading zeros optional (`5/12/2026 8:30`), seconds allowed.
public enum SheetTime {
    /// The instant `text` names, or nil.
    public static func instant(_ text: String) -> Date? {
        let parts = text.trimmingWhitespace().split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, (2...3).contains(time.count), date[2].count == 4,
              let day = number(date[0], digits: 1...2), let month = number(date[1], digits: 1...2), let year = number(date[2], digits: 4...4),
              let hour = number(time[0], digits: 1...2), let minute = number(time[1], digits: 2...2), hour < 24, minute < 60,
              time.count == 2 || number(time[2], digits: 2...2).map({ $0 < 60 }) == true,
              let calendarDay = CalendarDay(year: year, month: month, day: day) else { return nil }
        return calendarDay.vietnamTime(hour: hour, minute: minute)
    }

    /// What a refusal says the format is.
    public static let format = "dd/MM/yyyy HH:mm in Vietnam time, such as 05/12/2026 08:30"

    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
