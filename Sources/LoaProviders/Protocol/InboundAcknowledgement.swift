/// The `200` answer to an inbound callback: what the provider expects to read.
public struct InboundAcknowledgement: Sendable, Equatable {
    /// The `Content-Type`.
    public var contentType: String
    public var body: String

    /// Creates an answer.
    public init(contentType: String, body: String) {
        self.contentType = contentType
        self.body = body
    }

    /// No body: nothing for the provider to send back to the resident.
    public static let empty = InboundAcknowledgement(contentType: "text/plain; charset=utf-8", body: "")
}
