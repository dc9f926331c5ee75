/// A message claimed for submission under a lease, with the attempt number this claim opened.
public struct ClaimedMessage: Sendable, Equatable {
    public var message: StoredMessage
    /// 1 for the first submission.
    public var attempt: Int
    /// True when the previous attempt was left unanswered by a worker that died: the provider may
    /// already have the message.
    public var previousAttemptInDoubt: Bool

    /// Creates a claimed message.
    public init(message: StoredMessage, attempt: Int, previousAttemptInDoubt: Bool) {
        self.message = message
        self.attempt = attempt
        self.previousAttemptInDoubt = previousAttemptInDoubt
    }
}
