public import Foundation

/// A mobile-originated SMS a resident sent to Loa's number, as an adapter received it
/// (Kannel's `sms-service`, an SMPP `deliver_sm` that is not a receipt, an HTTP provider's callback).
public struct InboundMessage: Sendable, Equatable {
    /// The provider it came through (configuration name).
    public var provider: String
    /// The provider's id for it, when it gives one; with ``provider`` it makes a retried hand-over
    /// idempotent.
    public var providerMessageId: String?
    /// The sender in E.164. Never log it; show ``PhoneNumber/masked``.
    public var from: PhoneNumber
    /// The number or short code it was sent to, as the provider wrote it.
    public var to: String
    /// The text, already decoded; never logged at info level.
    public var text: String
    public var receivedAt: Date

    /// Creates an inbound message.
    public init(provider: String, providerMessageId: String?, from: PhoneNumber, to: String, text: String, receivedAt: Date) {
        self.provider = provider
        self.providerMessageId = providerMessageId
        self.from = from
        self.to = to
        self.text = text
        self.receivedAt = receivedAt
    }
}
