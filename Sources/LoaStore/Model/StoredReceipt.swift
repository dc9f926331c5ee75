public import Foundation
public import LoaCore

/// One delivery report as kept, for operators and audits.
public struct StoredReceipt: Sendable, Equatable {
    public var provider: String
    /// The attempt it is about; nil for one kept before it could be matched to an attempt.
    public var attempt: Int?
    public var status: ReceiptStatus
    /// The provider's wording, capped and cleaned (see ``ProviderAnswer``).
    public var detail: String
    public var receivedAt: Date
    /// Whether it was applied to the message (false while unmatched, or when refused).
    public var applied: Bool
    /// Why it was kept without being applied: `stale_attempt`; nil otherwise.
    public var refusal: String?

    /// Creates a receipt value.
    public init(
        provider: String, attempt: Int?, status: ReceiptStatus, detail: String, receivedAt: Date, applied: Bool, refusal: String?
    ) {
        self.provider = provider
        self.attempt = attempt
        self.status = status
        self.detail = detail
        self.receivedAt = receivedAt
        self.applied = applied
        self.refusal = refusal
    }
}
