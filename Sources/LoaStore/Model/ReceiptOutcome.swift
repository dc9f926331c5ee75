/// What the store did with one delivery report. Every outcome is an answer the provider should
/// take as received (HTTP 200): none of them gets better by sending the report again.
public enum ReceiptOutcome: Sendable, Equatable {
    /// The report is about the message's current attempt: kept, and the message moved forward
    /// if its state allows.
    case applied(messageId: String)
    /// No message has that id or provider id yet (the submit answer may still be on its way):
    /// kept, and applied when an answer names its provider id.
    case unmatched
    /// The attempt already has a report of this kind (one final, one non-final per attempt):
    /// nothing stored, nothing changed.
    case duplicate(messageId: String)
    /// The report is about an earlier attempt than the message's current one: kept for the
    /// record (the resident may have that copy too), never applied. The current attempt's own
    /// report settles the message.
    case staleAttempt(messageId: String, attempt: Int, currentAttempt: Int)

    /// The message the report was matched to, if any.
    public var messageId: String? {
        switch self {
        case .applied(let id), .duplicate(let id), .staleAttempt(let id, _, _): id
        case .unmatched: nil
        }
    }
}
