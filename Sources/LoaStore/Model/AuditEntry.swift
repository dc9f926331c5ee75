public import Foundation
public import LoaCore

/// One line of the audit trail: who did what, when, to what and from where.
///
/// It never holds a phone number or a message text: the subject is an id (a key's or a
/// message's), the outcome a short word or id.
public struct AuditEntry: Sendable, Equatable {
    /// The store's sequence number, increasing with each entry; nil before it is recorded.
    public var id: Int64?
    public var at: Date
    public var action: AuditAction
    public var actor: AuditActor
    /// The client's IP address; nil at the command line.
    public var remoteAddress: String?
    /// What was acted on: a key id or a message id; nil for sign-ins.
    public var subject: String?
    /// What came of it, e.g. `retried msg_…`, `cancelled`, `notAllowed sent`, `wrong role`.
    public var outcome: String?

    /// Creates an entry.
    public init(
        id: Int64? = nil, at: Date, action: AuditAction, actor: AuditActor, remoteAddress: String?,
        subject: String? = nil, outcome: String? = nil
    ) {
        self.id = id
        self.at = at
        self.action = action
        self.actor = actor
        self.remoteAddress = remoteAddress
        self.subject = subject
        self.outcome = outcome
    }
}
