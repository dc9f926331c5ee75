/// How urgently a message must go out; decides retry policy, quiet hours and claim order.
public enum MessagePriority: String, Sendable, Codable, CaseIterable, Comparable {
    /// Goes at once, even in quiet hours (for example a same-day appointment change).
    case urgent
    /// Ordinary dossier notices.
    case normal
    /// Reminders and mass notices that may wait.
    case bulk

    /// Claim order: lower goes first.
    public var rank: Int {
        switch self {
        case .urgent: 0
        case .normal: 1
        case .bulk: 2
        }
    }

    /// The priority of a claim-order rank; nil for an unknown rank.
    public init?(rank: Int) {
        guard let priority = MessagePriority.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = priority
    }

    public static func < (lhs: MessagePriority, rhs: MessagePriority) -> Bool { lhs.rank < rhs.rank }
}
