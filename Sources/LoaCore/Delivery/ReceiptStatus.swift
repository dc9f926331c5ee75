/// What a delivery receipt says, in the one vocabulary every adapter maps its own onto
/// (Kannel DLR types, SMPP `stat` values, HTTP provider callbacks). The provider's own code is
/// kept beside it in ``DeliveryReceipt/detail``.
public enum ReceiptStatus: String, Sendable, Codable, CaseIterable {
    /// The SMSC accepted or buffered the message; not final.
    case accepted
    /// The handset received the message.
    case delivered
    /// The network gave up delivering it (absent subscriber, deleted, failed).
    case undelivered
    /// The network kept it for its validity period and then gave up.
    case expired
    /// The SMSC or carrier refused it after accepting the submission (barred number, content).
    case rejected
    /// The provider reports a state it cannot name; not final: the report timeout decides.
    case unknown

    /// The message state a receipt moves a message to; nil when it only informs.
    public var resultingState: MessageState? {
        switch self {
        case .accepted, .unknown: nil
        case .delivered: .delivered
        case .undelivered, .expired, .rejected: .undelivered
        }
    }
}
