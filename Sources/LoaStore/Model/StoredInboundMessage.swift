public import Foundation
public import LoaCore

/// One inbound (mobile-originated) message as the store keeps it, with what became of it.
public struct StoredInboundMessage: Sendable, Equatable {
    /// The store's id: it only increases and is never reused, so a consumer can read on from
    /// the last one it saw (``InboundStore/inboundMessages(after:limit:)``).
    public var id: Int64
    /// The message as the adapter handed it over.
    public var message: InboundMessage
    /// When a consumer marked it handled (``InboundStore/markInboundHandled(id:outcome:at:)``); nil until then.
    public var handledAt: Date?
    /// What the consumer made of it (`opt_out`, `status_reply`, `help`, …); nil until handled.
    public var outcome: String?

    /// Creates a stored inbound message.
    public init(id: Int64, message: InboundMessage, handledAt: Date? = nil, outcome: String? = nil) {
        self.id = id
        self.message = message
        self.handledAt = handledAt
        self.outcome = outcome
    }
}
