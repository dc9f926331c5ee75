public import LoaCore

/// Decisions a claim applies on the way: what to do with in-doubt messages (and how often one
/// may lapse), and the daily cap per recipient.
public struct ClaimRules: Sendable, Equatable {
    /// Resend or fail messages whose lease lapsed with their submission unanswered.
    public var inDoubt: InDoubtPolicy
    /// How many times one message may lapse in doubt before it ends `failed` instead of being
    /// resent (see ``InDoubtPolicy/decide(attempt:inDoubtAttempts:limit:)``).
    public var maxInDoubt: Int
    /// Messages a day per recipient; nil for no cap.
    public var recipientDailyCap: RecipientDailyCap?

    /// The default for ``maxInDoubt``.
    public static let defaultMaxInDoubt = 5

    /// Creates rules; the defaults resend in-doubt messages up to five times and cap nothing.
    public init(inDoubt: InDoubtPolicy = .resend, maxInDoubt: Int = ClaimRules.defaultMaxInDoubt, recipientDailyCap: RecipientDailyCap? = nil) {
        self.inDoubt = inDoubt
        self.maxInDoubt = maxInDoubt
        self.recipientDailyCap = recipientDailyCap
    }
}
