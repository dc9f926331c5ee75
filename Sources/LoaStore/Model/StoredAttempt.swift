public import Foundation

/// One submission of a message to a provider, as recorded.
public struct StoredAttempt: Sendable, Equatable {
    /// How an attempt ended.
    public enum Outcome: String, Sendable, Codable {
        /// Still under way (or its worker died: see ``inDoubt``).
        case open
        case sent
        case transientFailure = "transient_failure"
        case permanentFailure = "permanent_failure"
        /// The worker died with the submission unanswered; the provider may have the message.
        case inDoubt = "in_doubt"
        /// Released on shutdown before it was submitted: found in databases written by earlier
        /// releases of Loa; a release now takes its attempt back and leaves no row.
        case released
        case expired
    }

    public var messageId: String
    public var number: Int
    public var provider: String?
    public var startedAt: Date
    public var finishedAt: Date?
    public var outcome: Outcome
    public var providerMessageId: String?
    public var error: String?

    /// Creates an attempt value.
    public init(
        messageId: String, number: Int, provider: String?, startedAt: Date, finishedAt: Date?,
        outcome: Outcome, providerMessageId: String?, error: String?
    ) {
        self.messageId = messageId
        self.number = number
        self.provider = provider
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.providerMessageId = providerMessageId
        self.error = error
    }
}
