public import Foundation
public import LoaCore

/// What is stuck and what moved today, at a glance: the top of `loa status`, `GET /v1/status`
/// and the dashboard, all three from this one value (``QueueStatus/statusSummary(now:)``).
///
/// ```swift
/// let summary = try await store.statusSummary(now: .now)
/// summary.queueDepth; summary.waiting[.quietHours]; summary.oldestWaitingAgeSeconds
/// ```
public struct StatusSummary: Sendable, Equatable {
    /// When the figures were read.
    public var at: Date
    /// Every message by its current state.
    public var messagesByState: [MessageState: Int]
    /// Pending messages that may go now (their `notBefore` has passed).
    public var dueNow: Int
    /// Pending messages held back until a later `notBefore`, by what they wait for; a message
    /// made to wait before Loa recorded why counts under ``WaitReason/scheduled``.
    public var waiting: [WaitReason: Int]
    /// When the oldest message still waiting to be sent (pending or sending) was created.
    public var oldestWaitingSince: Date?
    /// Attempts a dead worker left unanswered; each was resent, so the resident may have got it twice.
    public var inDoubtAttempts: Int
    /// Messages a provider accepted and has not reported on yet (state `sent`).
    public var sentWithoutReport: Int
    /// Messages created since midnight Vietnam time, by current state.
    public var today: [MessageState: Int]
    /// Segments of today's messages that were sent (sent, delivered, undelivered, unreported): the cost.
    public var segmentsSentToday: Int

    /// Creates a summary.
    public init(
        at: Date, messagesByState: [MessageState: Int], dueNow: Int, waiting: [WaitReason: Int], oldestWaitingSince: Date?,
        inDoubtAttempts: Int, sentWithoutReport: Int, today: [MessageState: Int], segmentsSentToday: Int
    ) {
        self.at = at
        self.messagesByState = messagesByState
        self.dueNow = dueNow
        self.waiting = waiting
        self.oldestWaitingSince = oldestWaitingSince
        self.inDoubtAttempts = inDoubtAttempts
        self.sentWithoutReport = sentWithoutReport
        self.today = today
        self.segmentsSentToday = segmentsSentToday
    }

    /// Messages not yet handed to a provider: pending and sending.
    public var queueDepth: Int {
        (messagesByState[.pending] ?? 0) + (messagesByState[.sending] ?? 0)
    }

    /// Seconds since the oldest waiting message was created; 0 when none waits.
    public var oldestWaitingAgeSeconds: Double {
        oldestWaitingSince.map { max(0, at.timeIntervalSince($0)) } ?? 0
    }

    /// Messages created today, in all states.
    public var todayTotal: Int { today.values.reduce(0, +) }

    /// The instant of the last midnight in Vietnam at or before `now`: where "today" starts.
    public static func vietnamMidnight(before now: Date) -> Date {
        let day = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
        return Date(timeIntervalSince1970: Double(day * 86_400 - QuietHours.vietnamOffsetSeconds))
    }
}
