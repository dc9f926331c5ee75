public import LoaCore

/// Decisions a claim applies on the way: what to do with in-doubt messages, and the daily cap
/// per recipient.
public struct ClaimRules: Sendable, Equatable {
    /// Resend or fail messages whose lease lapsed with their submission unanswered.
    public var inDoubt: InDoubtPolicy
    /// Messages a day per recipient; nil for no cap.
    public var recipientDailyCap: RecipientDailyCap?

    /// Creates rules; the defaults resend in-doubt messages and cap nothing.
    public init(inDoubt: InDoubtPolicy = .resend, recipientDailyCap: RecipientDailyCap? = nil) {
        self.inDoubt = inDoubt
        self.recipientDailyCap = recipientDailyCap
    }
}
