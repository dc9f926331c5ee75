public import LoaProviders

/// How a provider hands over what residents send (its incoming-message webhook, configured once
/// in the provider's console to call `/v1/providers/<name>/inbound`): which callback fields
/// (query, form or JSON, dotted for nested JSON) carry the sender, the number written to, the
/// text and the provider's message id; how the call proves it comes from the provider; and what
/// the provider expects as the answer.
public struct InboundRules: Sendable, Equatable {
    /// The field holding the sender's number.
    public var fromField: String
    /// The field holding the number or short code the resident wrote to.
    public var toField: String
    /// The field holding the text.
    public var textField: String
    /// The field holding the provider's id for the message, which makes a repeat recognisable.
    public var messageIdField: String?
    /// The provider's proof of origin; required, as no per-message URL is signed here.
    public var proof: CallbackProof
    /// The URL the provider is configured to call (what Twilio signs), without a query.
    public var endpoint: String
    /// The `200` answer, once the message is stored (Twilio wants TwiML; empty sends no reply).
    public var acknowledgement: InboundAcknowledgement

    /// Creates rules.
    public init(
        fromField: String, toField: String, textField: String, messageIdField: String?, proof: CallbackProof, endpoint: String,
        acknowledgement: InboundAcknowledgement = .empty
    ) {
        self.fromField = fromField
        self.toField = toField
        self.textField = textField
        self.messageIdField = messageIdField
        self.proof = proof
        self.endpoint = endpoint
        self.acknowledgement = acknowledgement
    }
}
