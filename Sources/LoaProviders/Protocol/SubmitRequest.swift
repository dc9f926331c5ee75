public import LoaCore

/// One message handed to a provider: everything it needs, already rendered and costed.
public struct SubmitRequest: Sendable, Equatable {
    /// Loa's message id; adapters pass it as the client reference where the provider takes one,
    /// so receipts and the provider's own deduplication can use it.
    public var messageId: String
    /// Which submission of the message this is (1 for the first); adapters that sign their
    /// report callbacks sign it too, so a report names the attempt it is about.
    public var attempt: Int
    /// The recipient in E.164.
    public var to: PhoneNumber
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int
    /// The sender shown on the handset: the brandname registered with the provider
    /// (`providers.<name>.sender`, else `dispatch.sender`).
    public var sender: String
    /// What the message is about; brandname APIs file messages by kind.
    public var kind: NotificationKind
    /// The template id registered for this kind with this provider's brandname channel (the
    /// catalog's `providerTemplateIds`), for APIs that only send registered templates.
    public var providerTemplateId: String?

    /// Loa's reference for this submission, unique per message and attempt
    /// (`<messageId>.<attempt>`): what adapters give providers that echo a client reference in
    /// their reports.
    public var reference: String { "\(messageId).\(attempt)" }

    /// Creates a request.
    public init(
        messageId: String, attempt: Int, to: PhoneNumber, text: String, encoding: SMSEncoding, segments: Int,
        sender: String, kind: NotificationKind, providerTemplateId: String? = nil
    ) {
        self.messageId = messageId
        self.attempt = attempt
        self.to = to
        self.text = text
        self.encoding = encoding
        self.segments = segments
        self.sender = sender
        self.kind = kind
        self.providerTemplateId = providerTemplateId
    }
}
