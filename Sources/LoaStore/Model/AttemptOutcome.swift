public import Foundation
public import LoaCore

/// The recorded result of one submission, written back by the dispatcher.
public struct AttemptOutcome: Sendable, Equatable {
    /// What the dispatcher decided after the provider answered.
    public enum Result: Sendable, Equatable {
        /// The provider accepted the message under this id.
        case sent(providerMessageId: String)
        /// Try again at `retryAt`.
        case retry(failure: SubmitFailure, retryAt: Date)
        /// Stop: the message ends `failed`.
        case failed(failure: SubmitFailure, reason: String)
        /// The message's validity ran out before it could be sent.
        case expired
        /// Not submitted: nothing could take it now (every provider of its route has its circuit
        /// open). Back to `pending` until `until` without using up an attempt.
        case deferred(until: Date, reason: String)

        /// Whether the provider accepted the message.
        public var isSent: Bool {
            if case .sent = self { true } else { false }
        }
    }

    public var messageId: String
    /// The attempt number from the claim; a stale outcome (another claim since) is ignored.
    public var attempt: Int
    public var provider: String
    public var result: Result
    public var finishedAt: Date
    /// Why a ``Result/retry(failure:retryAt:)`` or ``Result/deferred(until:reason:)`` waits;
    /// nil reads as `retryBackoff` and `circuitOpen` respectively.
    public var waitReason: WaitReason?

    /// Creates an outcome.
    public init(messageId: String, attempt: Int, provider: String, result: Result, finishedAt: Date, waitReason: WaitReason? = nil) {
        self.messageId = messageId
        self.attempt = attempt
        self.provider = provider
        self.result = result
        self.finishedAt = finishedAt
        self.waitReason = waitReason
    }
}
