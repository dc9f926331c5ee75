import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func message(id: String) async throws -> StoredMessage? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(StoredMessage.columns) FROM messages WHERE id = ?", arguments: [id])
                .map(StoredMessage.init(row:))
        }
    }

    public func messages(dossierCode: String, commune: String?) async throws -> [StoredMessage] {
        try await pool.read { db in
            var sql = "SELECT \(StoredMessage.columns) FROM messages WHERE dossier_code = ?"
            var arguments: StatementArguments = [dossierCode]
            if let commune {
                sql += " AND commune = ?"
                arguments += [commune]
            }
            sql += " ORDER BY created_at DESC, id DESC LIMIT 500"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredMessage.init(row:))
        }
    }

    public func attempts(messageId: String) async throws -> [StoredAttempt] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT message_id, number, provider, started_at, finished_at, outcome, provider_message_id, error
                FROM attempts WHERE message_id = ? ORDER BY number
                """, arguments: [messageId]).map { row in
                StoredAttempt(
                    messageId: row["message_id"], number: row["number"], provider: row["provider"],
                    startedAt: Date(epochMilliseconds: row["started_at"]),
                    finishedAt: (row["finished_at"] as Int64?).map(Date.init(epochMilliseconds:)),
                    outcome: StoredAttempt.Outcome(rawValue: row["outcome"]) ?? .open,
                    providerMessageId: row["provider_message_id"], error: row["error"])
            }
        }
    }

    public func countsByState() async throws -> [MessageState: Int] {
        try await pool.read { db in
            var counts: [MessageState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM messages GROUP BY state") {
                if let state = MessageState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    public func openAttemptCount() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts WHERE outcome = 'open'") ?? 0
        }
    }

    public func inDoubtAttemptCount() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts WHERE outcome = 'in_doubt'") ?? 0
        }
    }
}
