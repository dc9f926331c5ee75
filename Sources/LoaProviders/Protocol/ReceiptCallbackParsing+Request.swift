public import Foundation
public import LoaCore

extension ReceiptCallbackParsing {
    /// Providers that report through query parameters only (Kannel's `dlr-url`, the sandbox)
    /// read the query and nothing else.
    public func parseReceipt(_ callback: ReceiptCallback, receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt {
        try parseReceipt(parameters: callback.query, receivedAt: receivedAt)
    }
}
