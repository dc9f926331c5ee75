public import LoaCore

/// How a provider's delivery report callbacks look: which fields (query, form or JSON, dotted
/// for nested JSON) carry its message id, its status and its error code, how its statuses map
/// onto Loa's receipt vocabulary, and how a callback proves it comes from the provider beyond
/// the signed callback URL every report must carry.
public struct ReceiptRules: Sendable, Equatable {
    /// A proof of origin checked in addition to the signed callback URL.
    public enum Authentication: Sendable, Equatable {
        /// The signed callback URL only.
        case signedURL
        /// Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the
        /// URL called followed by each POST parameter's name and value, sorted by name.
        case twilioSignature(authToken: String)
        /// A header the provider sends with a shared secret as its value.
        case sharedSecretHeader(name: String, secret: String)
    }

    /// The field holding the provider's message id.
    public var messageIdField: String
    /// The field holding the provider's status.
    public var statusField: String
    /// The field holding the provider's error code, kept in the receipt's detail.
    public var errorField: String?
    /// Provider status → receipt status; a status not listed is ``ReceiptStatus/unknown``.
    public var statuses: [String: ReceiptStatus]
    public var authentication: Authentication

    /// Creates rules.
    public init(messageIdField: String, statusField: String, errorField: String? = nil, statuses: [String: ReceiptStatus], authentication: Authentication = .signedURL) {
        self.messageIdField = messageIdField
        self.statusField = statusField
        self.errorField = errorField
        self.statuses = statuses
        self.authentication = authentication
    }
}
