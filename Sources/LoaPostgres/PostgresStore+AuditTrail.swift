public import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func recordAudit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        let logger = logger
        try await write { connection in
            for entry in entries {
                try await connection.query("""
                    INSERT INTO audit_log (at, action, key_id, key_name, role, remote_address, subject, outcome)
                    VALUES (\(entry.at.epochMilliseconds), \(entry.action.rawValue), \(entry.actor.keyId), \(entry.actor.name),
                        \(entry.actor.role?.rawValue), \(entry.remoteAddress), \(entry.subject), \(entry.outcome))
                    """, logger: logger)
            }
        }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT id, at, action, key_id, key_name, role, remote_address, subject, outcome FROM audit_log
                WHERE (\(query.from?.epochMilliseconds)::bigint IS NULL OR at >= \(query.from?.epochMilliseconds))
                    AND (\(query.to?.epochMilliseconds)::bigint IS NULL OR at < \(query.to?.epochMilliseconds))
                    AND (\(query.action?.rawValue)::text IS NULL OR action = \(query.action?.rawValue))
                    AND (\(query.before)::bigint IS NULL OR id < \(query.before))
                ORDER BY id DESC LIMIT \(max(0, query.limit))
                """, logger: logger).map { row in
                let id = try row[0].decode(Int64.self)
                let actionName = try row[2].decode(String.self)
                guard let action = AuditAction(rawValue: actionName) else {
                    throw StoreCorruption("audit entry \(id) has unknown action \(actionName)")
                }
                return AuditEntry(
                    id: id, at: Date(epochMilliseconds: try row[1].decode(Int64.self)), action: action,
                    actor: AuditActor(keyId: try row[3].decode(String?.self), name: try row[4].decode(String.self),
                                      role: try row[5].decode(String?.self).flatMap(Role.init(rawValue:))),
                    remoteAddress: try row[6].decode(String?.self), subject: try row[7].decode(String?.self), outcome: try row[8].decode(String?.self))
            }
        }
    }

    public func forgetAudit(before horizon: Date, limit: Int) async throws -> Int {
        let logger = logger
        return try await write { connection in
            try await connection.changed("""
                DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < \(horizon.epochMilliseconds) ORDER BY at LIMIT \(limit))
                RETURNING 1
                """, logger: logger)
        }
    }
}
