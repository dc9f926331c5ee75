public import Foundation
public import LoaCore

/// Messages held for an operator while their text is unreviewed (`unreviewed: hold` with
/// `holdAs: operator`).
///
/// A held message is `pending` with ``LoaCore/WaitReason/textReview`` and `notBefore` at its
/// expiry, so no claim takes it and the expiry sweep ends it `expired` if nobody releases it;
/// an operator's cancel works on it as on any pending message. Its ``TextReviewHold`` is written
/// with it by the store's usual inserts.
public protocol TextReviewHolds: Sendable {
    /// Releases each held message with the text `choice` names, due as ``LoaCore/HeldMessageRelease``
    /// says; returns an outcome per id. Releasing in Vietnamese replaces its text, encoding,
    /// segments and locale (it stays marked: its unreviewed locale was replaced).
    func releaseHeld(ids: [String], sending choice: HeldTextChoice, at: Date, quietHours: QuietHours) async throws -> [String: HeldReleaseOutcome]

    /// Releases, as written, every held message whose text one of `approved` names (a review
    /// recorded since it was held); it is no longer marked unreviewed. Returns their ids. Also
    /// forgets the holds of messages no longer held (cancelled or expired since), Vietnamese text
    /// and all.
    func sweepTextReviewHolds(approved: [ApprovedText], at: Date, quietHours: QuietHours) async throws -> [String]

    /// The hold kept beside a message, or nil when it is not held.
    func textReviewHold(messageId: String) async throws -> TextReviewHold?
}
