/// How a stand-in answers the next send requests, whatever they carry (once authentication and
/// required fields are checked as the provider's documentation says).
public enum StandInMode: Sendable, Equatable {
    /// Take the message, answer with the documented success, then call back with `receipts`.
    case accept(receipts: [String])
    /// Call back with `receipts` first, wait for Loa's answer, then answer the request.
    case receiptsBeforeAnswer(receipts: [String])
    /// The provider's documented "try again later" answer (a 5xx or a busy result code).
    case unavailable
    /// The provider's documented refusal of the recipient's number.
    case rejectNumber
    /// The provider's documented rate-limit answer, asking to wait `retryAfter` seconds.
    case throttled(retryAfter: Int)
    /// Never answer (until the stand-in stops).
    case hang
}
