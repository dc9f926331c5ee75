/// What a claim does with a message whose last attempt lapsed in doubt (its worker died before
/// the provider's answer was recorded).
public enum InDoubtDecision: Sendable, Equatable {
    /// Claim it again and resend.
    case resend
    /// End it `failed` with this reason, for an operator to decide.
    case fail(reason: String)
}

extension InDoubtPolicy {
    /// Decides for a message whose attempt number `attempt` just lapsed in doubt, the
    /// `inDoubtAttempts`-th time this message has. A message that keeps lapsing may be what
    /// kills its worker: past `limit` in-doubt attempts it is failed rather than claimed first
    /// after every restart.
    ///
    /// ```swift
    /// InDoubtPolicy.resend.decide(attempt: 2, inDoubtAttempts: 1, limit: 5)   // .resend
    /// InDoubtPolicy.resend.decide(attempt: 6, inDoubtAttempts: 6, limit: 5)   // .fail(…)
    /// ```
    public func decide(attempt: Int, inDoubtAttempts: Int, limit: Int) -> InDoubtDecision {
        if self == .fail {
            return .fail(reason: "in doubt: the worker died before the provider answered attempt \(attempt); the resident may have the message. Not resent (dispatch.inDoubt: fail); retry it if the provider shows no trace")
        }
        if inDoubtAttempts > limit {
            return .fail(reason: "in doubt \(inDoubtAttempts) times: a worker died each time while sending this message, so the message itself may be what stops it. Not resent again (dispatch.maxInDoubt: \(limit)); retry it once the cause is known")
        }
        return .resend
    }
}
