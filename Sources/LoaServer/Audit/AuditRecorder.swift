public import Foundation
public import LoaCore
public import LoaStore

/// Writes audit trail entries for what happens over HTTP, with who (the key), when and from
/// where (the client address). The dashboard records sign-ins through it; the operator routes
/// record retries and cancels.
///
/// An entry that cannot be written fails the request: a sign-in is refused (503), and an
/// action is never reported done without its entry (500; the action itself was committed, and
/// repeating it is harmless: a retry answers the same new message, a cancel `notAllowed`).
///
/// ```swift
/// try await audit.signedIn(key, context: context)
/// try await audit.signInFailed(context: context, reason: "unknown key")
/// ```
public struct AuditRecorder: Sendable {
    let trail: any AuditTrail
    let now: @Sendable () -> Date

    /// Creates a recorder writing to `trail`, timing entries with `now`.
    public init(trail: any AuditTrail, now: @escaping @Sendable () -> Date = { Date() }) {
        self.trail = trail
        self.now = now
    }

    /// Records entries of `action` by `key`, one per subject with its outcome (one entry without
    /// a subject when `subjects` is empty).
    public func record(
        _ action: AuditAction, by key: APIKey?, context: LoaRequestContext, subjects: [(id: String, outcome: String?)] = []
    ) async throws {
        let actor = key.map(AuditActor.init(key:)) ?? .unknown
        let at = now()
        let entries = subjects.isEmpty
            ? [AuditEntry(at: at, action: action, actor: actor, remoteAddress: context.clientAddress)]
            : subjects.map { AuditEntry(at: at, action: action, actor: actor, remoteAddress: context.clientAddress, subject: $0.id, outcome: $0.outcome) }
        try await trail.recordAudit(entries)
    }

    /// A dashboard sign-in with `key`.
    public func signedIn(_ key: APIKey, context: LoaRequestContext) async throws {
        try await StoreAvailability.guarding { try await record(.signIn, by: key, context: context) }
    }

    /// A refused dashboard sign-in: `key` when it was a real key of the wrong role (nil for an
    /// unknown or revoked one), and why. The presented secret is never recorded.
    public func signInFailed(key: APIKey? = nil, context: LoaRequestContext, reason: String) async throws {
        let actor = key.map(AuditActor.init(key:)) ?? .unknown
        try await StoreAvailability.guarding {
            try await trail.recordAudit([AuditEntry(at: now(), action: .signInFailed, actor: actor, remoteAddress: context.clientAddress, outcome: reason)])
        }
    }

    /// A dashboard sign-out by `key`.
    public func signedOut(_ key: APIKey, context: LoaRequestContext) async throws {
        try await record(.signOut, by: key, context: context)
    }
}
