/// Whether a request may go ahead, from ``RequestRateLimiter/admit(_:atSeconds:)``.
public enum RateLimitDecision: Sendable, Equatable {
    /// Within the caller's budget.
    case admitted
    /// Over it: the caller should send again after `retryAfterSeconds` (whole seconds, at least 1,
    /// as `Retry-After` needs).
    case refused(retryAfterSeconds: Int)
}
