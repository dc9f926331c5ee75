/// When a message held for a text review (``WaitReason/textReview``) goes once it is released,
/// by an operator or by a review of its text: a pure value the stores apply.
///
/// It goes when it would have gone had it not been held (`dueAt`: a reminder keeps its day),
/// or at once if that passed, moved past quiet hours by its priority.
///
/// ```swift
/// let release = HeldMessageRelease(dueAt: due, releasedAt: now, priority: .normal, quietHours: quiet)
/// release.notBefore   // now, or when quiet hours end
/// release.waitReason  // nil, .quietHours or .scheduled
/// ```
public struct HeldMessageRelease: Sendable, Equatable {
    /// Epoch seconds before which the released message is not claimed.
    public let notBefore: Double
    /// Why it still waits until ``notBefore``; nil when it may go at once.
    public let waitReason: WaitReason?

    /// The release at `releasedAt` of a message that was due at `dueAt` (epoch seconds).
    public init(dueAt: Double, releasedAt: Double, priority: MessagePriority, quietHours: QuietHours) {
        let due = max(dueAt, releasedAt)
        let sendable = quietHours.sendableTime(forEpochSeconds: due, priority: priority)
        notBefore = sendable
        waitReason = WaitReason.newMessage(createdAt: releasedAt, dueAt: due, sendableAt: sendable)
    }
}
