public import Foundation

/// One message an appointment change sends: its kind and when it may go.
public struct ScheduledNotice: Sendable, Equatable {
    /// What the message says (`appointment_confirmed`, `appointment_reminder`, …).
    public let kind: NotificationKind
    /// Not sent before this instant.
    public let due: Date

    /// Creates a notice.
    public init(kind: NotificationKind, due: Date) {
        self.kind = kind
        self.due = due
    }
}
