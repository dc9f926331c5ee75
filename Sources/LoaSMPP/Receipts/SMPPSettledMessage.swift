public import Foundation
public import LoaCore

/// A message whose parts' reports decided its status, waiting to be handed to the receipt sink.
public struct SMPPSettledMessage: Sendable, Equatable {
    public var messageID: String
    public var attempt: Int
    public var status: ReceiptStatus
    /// The parts' own words, part by part.
    public var detail: String
    /// The SMSC's id of the first part (what the submission returned).
    public var firstPartID: String?
    public var decidedAt: Date

    /// The receipt for `provider`.
    public func receipt(provider: String) -> DeliveryReceipt {
        DeliveryReceipt(provider: provider, messageId: messageID, attempt: attempt, providerMessageId: firstPartID,
                        status: status, detail: detail, receivedAt: decidedAt)
    }
}
