public import Foundation


/// A delivery report from a provider, in Loa's receipt vocabulary.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The provider that sent it (configuration name).
    public var provider: String
    /// Loa's message id, when the provider echoes it back (Kannel's dlr-url does).
    public var messageId: String?
    /// The attempt (1 for the first submission) the report is about, when the provider can say
    /// (Kannel's signed dlr-url carries it); nil when it cannot, and the report then counts for
    /// the message's current attempt.
    public var attempt: Int?
    /// The provider's id for the message, when it only knows its own.
    public var providerMessageId: String?
    public var status: ReceiptStatus
    /// The provider's own wording (DLR type, `stat`), for operators.
    public var detail: String
    public var receivedAt: Date

    /// Creates a receipt.
    public init(
        provider: String, messageId: String?, attempt: Int? = nil, providerMessageId: String?, status: ReceiptStatus,
        detail: String, receivedAt: Date
    ) {
        self.provider = provider
        self.messageId = messageId
        self.attempt = attempt
        self.providerMessageId = providerMessageId
        self.status = status
        self.detail = detail
        self.receivedAt = receivedAt
    }
}
