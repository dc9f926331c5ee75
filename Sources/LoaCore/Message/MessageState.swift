/// Where a message is on its way to the resident.
///
/// ```
/// pending ──► sending ──► sent ──► delivered
///    ▲           │          ├────► undelivered
///    └─ retry ───┤          └────► unreported ──(late report)──► delivered | undelivered
///                └────► failed
/// pending/sending ──► expired | cancelled
/// ```
/// Receipts and submit outcomes only ever move a message forward (see ``canMove(to:)``); a
/// transient failure puts a `sending` message back to `pending` with a later due time.
public enum MessageState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Waiting to be claimed when due.
    case pending
    /// Claimed by a dispatcher under a lease; a submission may be under way.
    case sending
    /// Accepted by the provider; waiting for a delivery receipt.
    case sent
    /// The handset received it (final).
    case delivered
    /// The network gave up delivering it (final).
    case undelivered
    /// Rejected permanently, or attempts exhausted (final).
    case failed
    /// Its validity ran out before it could be sent (final).
    case expired
    /// Cancelled by an operator or superseded by a newer status (final).
    case cancelled
    /// Sent, but no final report came within the provider's `reportTimeout` (final: nothing
    /// more is waited for, though a report arriving even later still settles it).
    case unreported

    /// True when Loa does nothing more for the message: no submission, no waiting (an
    /// `unreported` message may still be settled by a report that comes late).
    public var isFinal: Bool {
        switch self {
        case .delivered, .undelivered, .failed, .expired, .cancelled, .unreported: true
        case .pending, .sending, .sent: false
        }
    }

    /// Whether a message in this state may move to `next`.
    public func canMove(to next: MessageState) -> Bool {
        switch (self, next) {
        case (.pending, .sending), (.pending, .expired), (.pending, .cancelled), (.pending, .failed):
            true
        // A report for an attempt that looked failed (a timeout the provider had in fact
        // accepted) settles the message instead of letting it be sent again.
        case (.pending, .delivered), (.pending, .undelivered):
            true
        case (.sending, .pending), (.sending, .sent), (.sending, .failed),
             (.sending, .expired), (.sending, .cancelled),
             // A receipt can overtake the recorded submit answer.
             (.sending, .delivered), (.sending, .undelivered):
            true
        case (.sent, .delivered), (.sent, .undelivered), (.sent, .unreported):
            true
        // Waiting ended, but a report that comes after all is the better answer.
        case (.unreported, .delivered), (.unreported, .undelivered):
            true
        default:
            false
        }
    }

    public var description: String { rawValue }
}
