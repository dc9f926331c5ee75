public import Foundation
public import LoaCore

/// What the inbox keeps of an accepted event: enough to answer who sent what, and when.
public struct InboxRecord: Sendable, Equatable {
    public var source: String
    public var eventId: String
    public var dossierCode: String
    public var status: DossierStatus
    public var occurredAt: Date
    public var receivedAt: Date
    /// The id of the API key that sent the event; nil when it came in another way or before
    /// keys were recorded.
    public var keyId: String?
    /// The messages the event created, in order.
    public var messageIds: [String]

    /// Creates a record.
    public init(
        source: String, eventId: String, dossierCode: String, status: DossierStatus, occurredAt: Date,
        receivedAt: Date, keyId: String?, messageIds: [String]
    ) {
        self.source = source
        self.eventId = eventId
        self.dossierCode = dossierCode
        self.status = status
        self.occurredAt = occurredAt
        self.receivedAt = receivedAt
        self.keyId = keyId
        self.messageIds = messageIds
    }
}
