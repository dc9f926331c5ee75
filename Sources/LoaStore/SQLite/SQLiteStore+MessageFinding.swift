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
        let marks = Array(repeating: "?", count: states.count).joined(separator: ", ")
        var arguments: StatementArguments = [createdSince.epochMilliseconds]
        arguments += StatementArguments(states.map(\.rawValue).sorted())
        arguments += [limit]
        let bound = arguments
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(StoredMessage.columns) FROM messages
                WHERE created_at >= ? AND state IN (\(marks)) ORDER BY created_at DESC LIMIT ?
                """, arguments: bound).map(StoredMessage.init(row:))
        }
    }
}
