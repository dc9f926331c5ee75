/// Which text an operator sends when releasing a message held for a text review.
public enum HeldTextChoice: String, Sendable, CaseIterable, Codable {
    /// The unreviewed text the message carries, as it is (the message stays marked unreviewed).
    case unreviewed
    /// The Vietnamese text kept beside it (``TextReviewHold/alternative``).
    case vietnamese
}
