public import LoaCore

/// What one submit answer writes, the same for every driver: the attempt's outcome and the
/// message's new state (nil fields leave the message's value as it is). A deferred claim
/// writes something else (it gives its attempt back), so it has none.
public struct OutcomeWrite: Sendable {
    public let outcome: AttemptOutcome
    public let attemptOutcome: StoredAttempt.Outcome
    public private(set) var providerMessageId: String?
    public private(set) var error: String?
    public let newState: MessageState
    public private(set) var notBefore: Int64?
    public private(set) var waitReason: WaitReason?

    /// Nil for a deferred outcome.
    public init?(_ outcome: AttemptOutcome) {
        self.outcome = outcome
        switch outcome.result {
        case .sent(let id):
            attemptOutcome = .sent
            providerMessageId = id
            newState = .sent
        case .retry(let failure, let retryAt):
            attemptOutcome = .transientFailure
            error = failure.description
            newState = .pending
            notBefore = retryAt.epochMilliseconds
            waitReason = outcome.waitReason ?? .retryBackoff
        case .failed(let failure, let reason):
            attemptOutcome = failure.kind == .permanent ? .permanentFailure : .transientFailure
            error = reason
            newState = .failed
        case .expired:
            attemptOutcome = .expired
            error = "validity ran out before the message could be sent"
            newState = .expired
        case .deferred:
            return nil
        }
    }
}
