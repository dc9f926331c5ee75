public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func recordAudit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO audit_log (at, action, key_id, key_name, role, remote_address, subject, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for entry in entries {
                try statement.execute(arguments: [
                    entry.at.epochMilliseconds, entry.action.rawValue, entry.actor.keyId, entry.actor.name,
                    entry.actor.role?.rawValue, entry.remoteAddress, entry.subject, entry.outcome,
                ])
            }
        }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = query.from {
            conditions.append("at >= ?")
            arguments += [from.epochMilliseconds]
        }
        if let to = query.to {
            conditions.append("at < ?")
            arguments += [to.epochMilliseconds]
        }
        if let action = query.action {
            conditions.append("action = ?")
            arguments += [action.rawValue]
        }
        if let before = query.before {
            conditions.append("id < ?")
            arguments += [before]
        }
        arguments += [max(0, query.limit)]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await pool.read { [arguments] db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map(AuditEntry.init(row:))
        }
    }

    public func forgetAudit(before horizon: Date, limit: Int) async throws -> Int {
        try await write { db in
            try db.execute(sql: """
                DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY at LIMIT ?)
                """, arguments: [horizon.epochMilliseconds, limit])
            return db.changesCount
        }
    }
}

extension AuditEntry {
    init(row: Row) throws {
        guard let action = AuditAction(rawValue: row["action"]) else {
            throw StoreCorruption("audit entry \(row["id"] as Int64) has unknown action \(row["action"] as String)")
        }
        self.init(
            id: row["id"], at: Date(epochMilliseconds: row["at"]), action: action,
            actor: AuditActor(keyId: row["key_id"], name: row["key_name"], role: (row["role"] as String?).flatMap(Role.init(rawValue:))),
            remoteAddress: row["remote_address"], subject: row["subject"], outcome: row["outcome"])
    }
}
