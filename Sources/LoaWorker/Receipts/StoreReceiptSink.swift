public import LoaCore
public import LoaProviders

/// Hands provider receipts to the outbox (through group commit), which applies them forward-only.
public struct StoreReceiptSink: DeliveryReceiptSink {
    let receipts: GroupCommitter<DeliveryReceipt, String?>

    /// Creates a sink committing through `receipts`.
    public init(receipts: GroupCommitter<DeliveryReceipt, String?>) {
        self.receipts = receipts
    }

    public func deliver(_ receipt: DeliveryReceipt) async throws {
        _ = try await receipts.commit([receipt])
    }
}
