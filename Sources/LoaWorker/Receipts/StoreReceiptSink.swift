public import LoaCore
public import LoaProviders
public import LoaStore

/// Hands provider receipts to the outbox, which applies them forward-only.
public struct StoreReceiptSink: DeliveryReceiptSink {
    let outbox: any Outbox

    /// Creates a sink writing to `outbox`.
    public init(outbox: any Outbox) {
        self.outbox = outbox
    }

    public func deliver(_ receipt: DeliveryReceipt) async throws {
        try await outbox.record(receipt)
    }
}
