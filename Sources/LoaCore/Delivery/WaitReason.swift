/// Why a pending message is not going yet: shown beside its `notBefore` wherever a message is
/// read (API, CLI, dashboard), so that a message waiting through the night says so.
///
/// Decided as a pure value where the wait is decided (``WaitReason/newMessage(createdAt:dueAt:sendableAt:)``,
/// ``WaitReason/afterFailure(_:backoffEndsAt:sendableAt:)``); the store keeps it with the message
/// until the message is claimed again.
///
/// ```swift
/// let due = quiet.sendableTime(forEpochSeconds: now, priority: .normal)
/// WaitReason.newMessage(createdAt: now, dueAt: now, sendableAt: due)   // .quietHours at 21:14 Vietnam time
/// ```
public enum WaitReason: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Night-time quiet hours (`quietHours`): it goes when they end.
    case quietHours
    /// The recipient had their messages for the Vietnam day (`dailyCap`): it goes next morning.
    case dailyCap
    /// A submission failed for a passing reason: it is tried again after its backoff.
    case retryBackoff
    /// The provider asked to slow down (throttling, HTTP 429): it is tried again after a pause.
    case providerRateLimit
    /// Every provider of its route failed repeatedly: it waits for the first to be probed again.
    case circuitOpen
    /// It was made to go later, such as an appointment reminder the day before.
    case scheduled
    /// Its text is unreviewed and its locale's policy holds such messages for an operator
    /// (`unreviewed: hold` with `holdAs: operator`): it goes when an operator releases it or a
    /// native speaker's review approves the text it carries, and expires otherwise.
    case textReview

    public var description: String { rawValue }

    /// The reason a message created at `createdAt` and due at `dueAt` waits when it may go only
    /// at `sendableAt` (quiet hours applied): `quietHours` when they put it later, `scheduled`
    /// when it was due later anyway, nil when it may go at once.
    public static func newMessage(createdAt: Double, dueAt: Double, sendableAt: Double) -> WaitReason? {
        if sendableAt > dueAt { return .quietHours }
        return dueAt > createdAt ? .scheduled : nil
    }

    /// The reason a message waits after `failure` (transient), when its backoff ends at
    /// `backoffEndsAt` and quiet hours move that to `sendableAt`: quiet hours when they put it
    /// later, else the provider's rate limit when it asked to slow down, else the backoff.
    public static func afterFailure(_ failure: SubmitFailure, backoffEndsAt: Double, sendableAt: Double) -> WaitReason {
        if sendableAt > backoffEndsAt { return .quietHours }
        return failure.asksToSlowDown ? .providerRateLimit : .retryBackoff
    }
}
