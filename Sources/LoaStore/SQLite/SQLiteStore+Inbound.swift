public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func record(_ messages: [InboundMessage]) async throws -> [Bool] {
        guard !messages.isEmpty else { return [] }
        return try await write { db in
            try messages.map { message in
                // Only the unique provider id can conflict; a repeat is left as first stored.
                try db.cachedStatement(sql: """
                    INSERT INTO inbound_messages (provider, provider_message_id, sender, recipient, text, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """).execute(arguments: [
                        message.provider, message.providerMessageId, message.from.e164, message.to, message.text,
                        message.receivedAt.epochMilliseconds,
                    ])
                return db.changesCount > 0
            }
        }
    }

    public func inboundMessages(after id: Int64, limit: Int) async throws -> [StoredInboundMessage] {
        try await readInbound(where: "id > ?", [id, limit])
    }

    public func unhandledInboundMessages(limit: Int) async throws -> [StoredInboundMessage] {
        try await readInbound(where: "handled_at IS NULL", [limit])
    }

    public func markInboundHandled(id: Int64, outcome: String, at: Date) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: """
                UPDATE inbound_messages SET handled_at = ?, outcome = ? WHERE id = ? AND handled_at IS NULL
                """).execute(arguments: [at.epochMilliseconds, outcome, id])
            return db.changesCount > 0
        }
    }

    /// Inbound messages matching `condition`, oldest first; `arguments` end with the limit.
    private func readInbound(where condition: String, _ arguments: StatementArguments) async throws -> [StoredInboundMessage] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, provider, provider_message_id, sender, recipient, text, received_at, handled_at, outcome
                FROM inbound_messages WHERE \(condition) ORDER BY id LIMIT ?
                """), arguments: arguments).map { row in
                let handledAt: Int64? = row["handled_at"]
                return StoredInboundMessage(
                    id: row["id"],
                    message: InboundMessage(
                        provider: row["provider"], providerMessageId: row["provider_message_id"],
                        from: try PhoneNumber(e164: row["sender"]), to: row["recipient"], text: row["text"],
                        receivedAt: Date(epochMilliseconds: row["received_at"])),
                    handledAt: handledAt.map(Date.init(epochMilliseconds:)), outcome: row["outcome"])
            }
        }
    }
}
