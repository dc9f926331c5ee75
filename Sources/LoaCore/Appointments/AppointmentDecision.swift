public import Foundation

/// What a change does to an appointment and its messages, as ``AppointmentScheduler`` decides it.
public struct AppointmentDecision: Sendable, Equatable {
    /// The appointment's status afterwards.
    public let status: AppointmentStatus
    /// Its start afterwards.
    public let startsAt: Date
    /// Whether its messages not yet submitted are cancelled (they speak of a time that no
    /// longer holds, or of an appointment that is over).
    public let cancelsPendingMessages: Bool
    /// The messages to create, in order.
    public let notices: [ScheduledNotice]

    /// Creates a decision.
    public init(status: AppointmentStatus, startsAt: Date, cancelsPendingMessages: Bool, notices: [ScheduledNotice]) {
        self.status = status
        self.startsAt = startsAt
        self.cancelsPendingMessages = cancelsPendingMessages
        self.notices = notices
    }
}

/// Why a change cannot be made.
public enum AppointmentRefusal: Error, Sendable, Equatable {
    /// The appointment is cancelled or attended already; nothing changes any more.
    case final(AppointmentStatus)
    /// The (new) start is not after the present.
    case startsInPast
    /// A move to the time the appointment already has.
    case sameStart
}
