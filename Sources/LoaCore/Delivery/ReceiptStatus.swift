/// What a delivery receipt says, in the one vocabulary every adapter maps its own onto
/// (Kannel DLR types, SMPP `stat` values, HTTP provider callbacks).
public enum ReceiptStatus: String, Sendable, Codable, CaseIterable {
    /// The SMSC accepted or buffered the message; not final.
    case accepted
    /// The handset received the message.
    case delivered
    /// The network gave up (expired, rejected, undeliverable).
    case undelivered

    /// The message state a receipt moves a message to; nil when it only informs.
    public var resultingState: MessageState? {
        switch self {
        case .accepted: nil
        case .delivered: .delivered
        case .undelivered: .undelivered
        }
    }
}
