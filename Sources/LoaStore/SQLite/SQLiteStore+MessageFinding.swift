public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func messages(recipient: String, limit: Int) async throws -> [StoredMessage] {
        guard !recipient.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(StoredMessage.columns) FROM messages
                WHERE recipient = ? AND recipient <> '' ORDER BY created_at DESC LIMIT ?
                """, arguments: [recipient, limit]).map(StoredMessage.init(row:))
        }
    }

    public func messages(in states: Set<MessageState>, createdSince: Date, limit: Int) async throws -> [StoredMessage] {
        guard !states.isEmpty else { return [] }
        // The states are written into the SQL (they are the enum's own names, never input), so
        // that SQLite can read a partial index over them (v16-queue-status-indexes:
        // pending by creation, and expired, failed, undelivered by creation, whose condition
        // v21 writes with OR: the filter must read the same to match it) instead of every
        // message of the period.
        let filter = "(" + states.map { "state = '\($0.rawValue)'" }.sorted().joined(separator: " OR ") + ")"
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(StoredMessage.columns) FROM messages
                WHERE created_at >= ? AND \(filter) ORDER BY created_at DESC LIMIT ?
                """, arguments: [createdSince.epochMilliseconds, limit]).map(StoredMessage.init(row:))
        }
    }
}
