/// A retry policy for each priority: urgent messages retry sooner and longer, bulk ones wait more.
public struct RetryPolicies: Sendable, Equatable {
    /// The policy of each priority.
    public var byPriority: [MessagePriority: RetryPolicy]

    /// Creates policies; a priority without one uses ``RetryPolicy/standard``.
    public init(_ byPriority: [MessagePriority: RetryPolicy]) {
        self.byPriority = byPriority
    }

    /// The same policy for every priority.
    public init(all policy: RetryPolicy) {
        byPriority = Dictionary(uniqueKeysWithValues: MessagePriority.allCases.map { ($0, policy) })
    }

    /// Urgent: 10 attempts, 5 s doubling to 10 min; normal: ``RetryPolicy/standard``;
    /// bulk: 6 attempts, 1 min doubling to 2 h.
    public static let defaults = RetryPolicies([
        .urgent: RetryPolicy(maxAttempts: 10, initialDelaySeconds: 5, maxDelaySeconds: 600, jitter: 0.2),
        .normal: .standard,
        .bulk: RetryPolicy(maxAttempts: 6, initialDelaySeconds: 60, maxDelaySeconds: 7200, jitter: 0.2),
    ])

    /// The policy for `priority`.
    public func policy(for priority: MessagePriority) -> RetryPolicy {
        byPriority[priority] ?? .standard
    }
}
