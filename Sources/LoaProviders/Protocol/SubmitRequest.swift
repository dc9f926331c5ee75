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

    /// Creates a request.
    public init(messageId: String, attempt: Int, to: PhoneNumber, text: String, encoding: SMSEncoding, segments: Int) {
        self.messageId = messageId
        self.attempt = attempt
        self.to = to
        self.text = text
        self.encoding = encoding
        self.segments = segments
    }
}
