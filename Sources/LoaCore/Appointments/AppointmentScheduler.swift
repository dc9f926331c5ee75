public import Foundation

/// Decides what each change to an appointment sends and cancels. Pure: the caller passes the
/// appointment's state and the clock's reading, and writes what comes back.
///
/// - booking: `appointment_confirmed` at once, then the reminders of ``reminders``;
/// - move: every unsent message is cancelled (each names the old time), `appointment_rescheduled`
///   goes at once, then reminders for the new start; a reminder already sent stays sent;
/// - cancel: every unsent message is cancelled and `appointment_cancelled` goes at once, unless
///   the appointment has started already (then there is no one left to warn);
/// - attended: unsent messages are cancelled, nothing is sent.
///
/// ```swift
/// let scheduler = AppointmentScheduler(reminders: ReminderPolicy(quietHours: .standard))
/// let decision = try scheduler.decide(.book, status: .booked, startsAt: start, now: now).get()
/// ```
public struct AppointmentScheduler: Sendable, Equatable {
    /// When reminders go.
    public let reminders: ReminderPolicy

    /// Creates a scheduler.
    public init(reminders: ReminderPolicy) {
        self.reminders = reminders
    }

    /// The decision for `change` on an appointment in `status` starting at `startsAt` (for a
    /// booking, the new appointment's status is `booked`), made at `now`.
    public func decide(
        _ change: AppointmentChange, status: AppointmentStatus, startsAt: Date, now: Date
    ) -> Result<AppointmentDecision, AppointmentRefusal> {
        if status.isFinal { return .failure(.final(status)) }
        switch change {
        case .book:
            guard startsAt > now else { return .failure(.startsInPast) }
            return .success(AppointmentDecision(
                status: .booked, startsAt: startsAt, cancelsPendingMessages: false,
                notices: [ScheduledNotice(kind: .appointmentConfirmed, due: now)] + reminderNotices(startsAt: startsAt, now: now)))
        case .move(let newStart):
            guard newStart > now else { return .failure(.startsInPast) }
            guard newStart != startsAt else { return .failure(.sameStart) }
            return .success(AppointmentDecision(
                status: .booked, startsAt: newStart, cancelsPendingMessages: true,
                notices: [ScheduledNotice(kind: .appointmentRescheduled, due: now)] + reminderNotices(startsAt: newStart, now: now)))
        case .cancel:
            let notices = startsAt > now ? [ScheduledNotice(kind: .appointmentCancelled, due: now)] : []
            return .success(AppointmentDecision(status: .cancelled, startsAt: startsAt, cancelsPendingMessages: true, notices: notices))
        case .attend:
            return .success(AppointmentDecision(status: .attended, startsAt: startsAt, cancelsPendingMessages: true, notices: []))
        }
    }

    private func reminderNotices(startsAt: Date, now: Date) -> [ScheduledNotice] {
        reminders.reminderTimes(startsAt: startsAt.timeIntervalSince1970, now: now.timeIntervalSince1970)
            .map { ScheduledNotice(kind: .appointmentReminder, due: Date(timeIntervalSince1970: $0)) }
    }
}
