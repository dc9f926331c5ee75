public import Foundation
public import LoaCore

/// A message in the outbox, exactly as it will be (or was) sent.
public struct StoredMessage: Sendable, Equatable, Identifiable {
    public var id: String
    public var dossierCode: String
    public var commune: String
    public var kind: NotificationKind
    public var locale: MessageLocale
    public var priority: MessagePriority
    /// The recipient in E.164. Never log it; show ``PhoneNumber/masked``.
    public var recipient: String
    /// The final text; never logged at info level.
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int
    public var state: MessageState
    /// Submissions started so far.
    public var attempts: Int
    /// The provider of the latest attempt, if any.
    public var provider: String?
    public var providerMessageId: String?
    /// The latest failure, or why the message was cancelled or expired.
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Not claimed before this instant (retry backoff, quiet hours, rate limits).
    public var notBefore: Date
    /// Never sent after this instant; ends `expired` instead.
    public var expiresAt: Date
    /// The event that produced the message.
    public var eventSource: String
    public var eventId: String
    /// The message an operator retried to create this one, if any.
    public var retryOf: String?
    /// Why it was last made to wait until ``notBefore``; nil when it was due at once. Read it
    /// through ``waitingFor(at:)``, which is nil once the wait is over.
    public var waitReason: WaitReason?
    /// The locale whose text no native speaker had reviewed when the message was made: the
    /// message carries that text anyway when this equals ``locale`` (policy `warn`), or the
    /// ``locale`` text in its place (`hold`). Nil when its text was reviewed, or needs no review.
    public var unreviewedLocale: MessageLocale?
    /// Set on a new message held for an operator (``LoaCore/WaitReason/textReview``): written with
    /// it by the store; read back through ``TextReviewHolds/textReviewHold(messageId:)``, never
    /// with the message.
    public var textReviewHold: TextReviewHold?

    /// Creates a message value.
    public init(
        id: String, dossierCode: String, commune: String, kind: NotificationKind, locale: MessageLocale,
        priority: MessagePriority, recipient: String, text: String, encoding: SMSEncoding, segments: Int,
        state: MessageState = .pending, attempts: Int = 0, provider: String? = nil,
        providerMessageId: String? = nil, lastError: String? = nil, createdAt: Date, updatedAt: Date,
        notBefore: Date, expiresAt: Date, eventSource: String, eventId: String, retryOf: String? = nil,
        waitReason: WaitReason? = nil, unreviewedLocale: MessageLocale? = nil, textReviewHold: TextReviewHold? = nil
    ) {
        self.id = id
        self.dossierCode = dossierCode
        self.commune = commune
        self.kind = kind
        self.locale = locale
        self.priority = priority
        self.recipient = recipient
        self.text = text
        self.encoding = encoding
        self.segments = segments
        self.state = state
        self.attempts = attempts
        self.provider = provider
        self.providerMessageId = providerMessageId
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.eventSource = eventSource
        self.eventId = eventId
        self.retryOf = retryOf
        self.waitReason = waitReason
        self.unreviewedLocale = unreviewedLocale
        self.textReviewHold = textReviewHold
    }

    /// What a pending message waits for at `now`: its ``waitReason`` while ``notBefore`` is
    /// ahead, nil once it is due or when it is no longer pending.
    public func waitingFor(at now: Date) -> WaitReason? {
        state == .pending && notBefore > now ? waitReason : nil
    }
}
