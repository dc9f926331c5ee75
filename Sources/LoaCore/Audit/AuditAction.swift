/// What the audit trail records: actions on keys and messages, and sign-ins to the dashboard.
///
/// The raw values are stored and shown (`GET /v1/audit`, `loa audit --action`); never rename one.
public enum AuditAction: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// An API key was created (its id is the entry's subject).
    case keyCreated
    /// An API key was revoked (its id is the entry's subject).
    case keyRevoked
    /// An operator retried a message (its id is the subject; the outcome names the new message).
    case messageRetried
    /// An operator cancelled a message (its id is the subject).
    case messageCancelled
    /// An operator released a message held for a text review (its id is the subject; the
    /// outcome names the text sent: `released unreviewed` or `released vietnamese`).
    case messageReleased
    /// Someone signed in to the dashboard with a key.
    case signIn
    /// A dashboard sign-in was refused (unknown, revoked or under-privileged key).
    case signInFailed
    /// Someone signed out of the dashboard.
    case signOut

    public var description: String { rawValue }
}
