import Foundation

/// RFC 3339 instants written in Vietnam time (`2026-12-05T19:04:00+07:00`), as reviews record them.
enum VietnamTimestamp {
    static func format(_ instant: Date) -> String {
        let clock = VietnamWallClock(instant)
        let second = Int(instant.timeIntervalSince1970.rounded(.down)) % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(clock.year)-\(two(clock.month))-\(two(clock.day))T\(two(clock.hour)):\(two(clock.minute)):\(two((second + 60) % 60))+07:00"
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
