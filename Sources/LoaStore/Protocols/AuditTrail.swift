public import Foundation

/// The audit trail: who created or revoked keys, retried or cancelled messages, signed in or
/// failed to. Append-only; kept longer than messages (`retention.audit`) and never holding a
/// phone number (see ``AuditEntry``).
///
/// ```swift
/// try await store.recordAudit([AuditEntry(at: .now, action: .keyRevoked, actor: .commandLine, remoteAddress: nil, subject: keyId)])
/// let newest = try await store.auditEntries(AuditQuery(action: .keyRevoked, limit: 50))
/// ```
public protocol AuditTrail: Sendable {
    /// Appends entries in one transaction, in order (their ids increase in that order).
    func recordAudit(_ entries: [AuditEntry]) async throws

    /// Entries matching `query`, newest (highest id) first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]

    /// Deletes at most `limit` entries recorded before `horizon`; returns how many.
    func forgetAudit(before horizon: Date, limit: Int) async throws -> Int
}

extension AuditTrail {
    /// Deletes every entry recorded before `horizon`, in steps of `batchSize`; returns how many.
    @discardableResult
    public func forgetAllAudit(before horizon: Date, batchSize: Int = 500) async throws -> Int {
        var total = 0
        while true {
            try Task.checkCancellation()
            let step = try await forgetAudit(before: horizon, limit: batchSize)
            total += step
            guard step >= batchSize else { return total }
            await Task.yield()
        }
    }
}
