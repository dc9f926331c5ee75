/// When the reminders of an appointment go: at fixed offsets before its start, never inside
/// quiet hours (a reminder that would fall inside moves earlier, to the minute before they
/// begin), never at or after the start, never before the message that announced the time, and
/// never two at the same instant. An appointment less than ``minimumLeadSeconds`` ahead gets no
/// reminder at all: its confirmation is reminder enough.
///
/// A pure decision, like ``RetryPolicy``: the caller passes the clock's reading.
///
/// ```swift
/// let policy = ReminderPolicy(offsetsSeconds: [86_400, 7_200], quietHours: .standard)
/// policy.reminderTimes(startsAt: appointment, now: now)   // epoch seconds, earliest first
/// ```
public struct ReminderPolicy: Sendable, Equatable {
    /// How long before the start each reminder is due (seconds, each greater than zero).
    public let offsetsSeconds: [Double]
    /// Appointments starting sooner than this after booking (or moving) get no reminders.
    public let minimumLeadSeconds: Double
    /// The night window reminders keep out of.
    public let quietHours: QuietHours

    /// 24 hours and 2 hours before the start.
    public static let defaultOffsetsSeconds: [Double] = [86_400, 7_200]
    /// Two hours.
    public static let defaultMinimumLeadSeconds: Double = 7_200

    /// A policy; offsets that are not greater than zero are ignored.
    public init(
        offsetsSeconds: [Double] = ReminderPolicy.defaultOffsetsSeconds,
        minimumLeadSeconds: Double = ReminderPolicy.defaultMinimumLeadSeconds,
        quietHours: QuietHours
    ) {
        self.offsetsSeconds = offsetsSeconds.filter { $0 > 0 && $0.isFinite }
        self.minimumLeadSeconds = minimumLeadSeconds
        self.quietHours = quietHours
    }

    /// The instants (seconds since 1970) at which reminders of an appointment starting at
    /// `startsAt` go, for a booking or move made at `now`; earliest first, each once.
    public func reminderTimes(startsAt: Double, now: Double) -> [Double] {
        guard startsAt - now >= minimumLeadSeconds else { return [] }
        var times: [Double] = []
        for offset in offsetsSeconds {
            let due = quietHours.latestSendableTime(atOrBeforeEpochSeconds: startsAt - offset)
            if due > now, due < startsAt, !times.contains(due) { times.append(due) }
        }
        return times.sorted()
    }
}
