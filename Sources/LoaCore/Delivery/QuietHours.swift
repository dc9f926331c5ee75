/// The night-time window in which residents are not disturbed, in Vietnam time (UTC+7, no
/// daylight saving). Messages of normal and bulk priority due inside it wait until it ends;
/// urgent ones go at once.
///
/// ```swift
/// let quiet = QuietHours(startMinute: 21 * 60, endMinute: 7 * 60)   // 21:00–07:00
/// quiet.sendableTime(forEpochSeconds: t, priority: .normal)        // t, or 07:00 next morning
/// ```
public struct QuietHours: Sendable, Equatable {
    /// Seconds Vietnam time is ahead of UTC.
    public static let vietnamOffsetSeconds: Int64 = 7 * 3600

    /// Minutes after local midnight when the window opens (inclusive).
    public let startMinute: Int
    /// Minutes after local midnight when it closes (exclusive); before `startMinute` when the
    /// window spans midnight.
    public let endMinute: Int

    /// A window from `startMinute` to `endMinute` (0–1439 each); equal values mean no window.
    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// 21:00–07:00, the default.
    public static let standard = QuietHours(startMinute: 21 * 60, endMinute: 7 * 60)

    /// No quiet hours at all.
    public static let none = QuietHours(startMinute: 0, endMinute: 0)

    /// Parses `HH:mm` into minutes after midnight; nil for anything else.
    public static func minutes(_ text: String) -> Int? {
        let fields = text.trimmingWhitespace().split(separator: ":")
        guard fields.count == 2, fields[1].count == 2, let hours = Int(fields[0]), let minutes = Int(fields[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    /// Whether the local minute of day `minute` falls inside the window.
    public func contains(minuteOfDay minute: Int) -> Bool {
        if startMinute == endMinute { return false }
        if startMinute < endMinute { return minute >= startMinute && minute < endMinute }
        return minute >= startMinute || minute < endMinute
    }

    /// The earliest instant at or after `seconds` (since 1970, UTC) when a message of `priority`
    /// may go: the instant itself outside the window or for urgent messages, else the window's end.
    public func sendableTime(forEpochSeconds seconds: Double, priority: MessagePriority) -> Double {
        // Beyond ±10^15 s (31 million years) no window matters, and the Int64 arithmetic below
        // could overflow; NaN fails the comparison too.
        guard priority != .urgent, seconds.magnitude < 1e15 else { return seconds }
        let local = Int64(seconds.rounded(.down)) + QuietHours.vietnamOffsetSeconds
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        let minute = Int(secondOfDay / 60)
        guard contains(minuteOfDay: minute) else { return seconds }
        let localMidnight = local - secondOfDay
        var end = localMidnight + Int64(endMinute) * 60
        if end <= local { end += 86_400 }
        return Double(end - QuietHours.vietnamOffsetSeconds)
    }
}
