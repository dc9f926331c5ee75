public import LoaCore

/// How a provider's delivery report callbacks look: which fields (query, form or JSON, dotted
/// for nested JSON) carry its message id, its status and its error code, how its statuses map
/// onto Loa's receipt vocabulary, and how a callback proves it comes from the provider beyond
/// the signed callback URL every report must carry.
public struct ReceiptRules: Sendable, Equatable {
    /// The field holding the provider's message id.
    public var messageIdField: String
    /// The field holding the provider's status.
    public var statusField: String
    /// The field holding the provider's error code, kept in the receipt's detail.
    public var errorField: String?
    /// Provider status → receipt status; a status not listed is ``ReceiptStatus/unknown``.
    public var statuses: [String: ReceiptStatus]
    /// The provider's own proof checked after the signed URL; nil for the signed URL alone.
    public var proof: CallbackProof?

    /// Creates rules.
    public init(messageIdField: String, statusField: String, errorField: String? = nil, statuses: [String: ReceiptStatus], proof: CallbackProof? = nil) {
        self.messageIdField = messageIdField
        self.statusField = statusField
        self.errorField = errorField
        self.statuses = statuses
        self.proof = proof
    }
}
