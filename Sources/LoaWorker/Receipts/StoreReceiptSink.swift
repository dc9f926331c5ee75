public import LoaCore
public import LoaProviders
public import LoaStore

/// Hands provider receipts to the outbox (through group commit), which applies them forward-only.
public struct StoreReceiptSink: DeliveryReceiptSink {
    let receipts: GroupCommitter<DeliveryReceipt, ReceiptOutcome>

    /// Creates a sink committing through `receipts`.
    public init(receipts: GroupCommitter<DeliveryReceipt, ReceiptOutcome>) {
        self.receipts = receipts
    }

    public func deliver(_ receipt: DeliveryReceipt) async throws {
        _ = try await receipts.commit([receipt])
    }
}
