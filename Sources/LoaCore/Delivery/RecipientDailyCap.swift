/// At most ``limit`` messages a Vietnam calendar day to one recipient. A message over the cap
/// waits for the next day (and, for normal and bulk ones, for quiet hours to end) instead of
/// being dropped. Urgent messages are outside the cap: never held back, never counted.
///
/// ```swift
/// let cap = RecipientDailyCap(limit: 5, quietHours: .standard)
/// cap.holdsBack(priority: .normal, alreadySentToday: 5)            // true
/// cap.releaseTime(afterDay: RecipientDailyCap.vietnamDay(ofEpochSeconds: now), priority: .normal)
/// // 07:00 Vietnam time the next day
/// ```
public struct RecipientDailyCap: Sendable, Equatable {
    /// Messages per recipient per Vietnam calendar day.
    public let limit: Int
    /// Quiet hours, so that a held-back message is not released at midnight.
    public let quietHours: QuietHours

    /// Creates a cap of `limit` (at least 1) messages a day.
    public init(limit: Int, quietHours: QuietHours) {
        self.limit = max(1, limit)
        self.quietHours = quietHours
    }

    /// The Vietnam calendar day of an instant, as days since 1970-01-01.
    public static func vietnamDay(ofEpochSeconds seconds: Double) -> Int64 {
        let local = Int64(seconds.rounded(.down)) + QuietHours.vietnamOffsetSeconds
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// Whether a message of `priority` must wait, `alreadySentToday` messages having gone to its
    /// recipient today.
    public func holdsBack(priority: MessagePriority, alreadySentToday: Int) -> Bool {
        priority != .urgent && alreadySentToday >= limit
    }

    /// When a message held back on `day` may go: the next Vietnam midnight, moved past quiet hours.
    public func releaseTime(afterDay day: Int64, priority: MessagePriority) -> Double {
        let nextMidnight = Double((day + 1) * 86_400 - QuietHours.vietnamOffsetSeconds)
        return quietHours.sendableTime(forEpochSeconds: nextMidnight, priority: priority)
    }
}
