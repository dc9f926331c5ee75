import Foundation
import GRDB
import LoaCore

extension StoredMessage {
    /// The columns in the order ``init(row:)`` reads them.
    static let columns = """
        id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments, state,
        attempts, provider, provider_message_id, last_error, created_at, updated_at, not_before,
        expires_at, event_source, event_id, retry_of
        """

    init(row: Row) throws {
        guard let encoding = SMSEncoding(rawValue: row["encoding"]),
              let state = MessageState(rawValue: row["state"]) else {
            throw StoreCorruption("message \(row["id"] as String? ?? "?") has an unknown encoding or state")
        }
        let rank: Int = row["priority"]
        self.init(
            id: row["id"], dossierCode: row["dossier_code"], commune: row["commune"],
            kind: NotificationKind(rawValue: row["kind"]), locale: MessageLocale(rawValue: row["locale"]),
            priority: MessagePriority(rank: rank) ?? .normal,
            recipient: row["recipient"], text: row["text"], encoding: encoding, segments: row["segments"],
            state: state, attempts: row["attempts"], provider: row["provider"],
            providerMessageId: row["provider_message_id"], lastError: row["last_error"],
            createdAt: Date(epochMilliseconds: row["created_at"]), updatedAt: Date(epochMilliseconds: row["updated_at"]),
            notBefore: Date(epochMilliseconds: row["not_before"]), expiresAt: Date(epochMilliseconds: row["expires_at"]),
            eventSource: row["event_source"], eventId: row["event_id"], retryOf: row["retry_of"]
        )
    }

    /// Inserts the message (a new outbox row).
    func insert(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO messages (\(StoredMessage.columns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            id, dossierCode, commune, kind.rawValue, locale.rawValue, priority.rank, recipient, text,
            encoding.rawValue, segments, state.rawValue, attempts, provider, providerMessageId, lastError,
            createdAt.epochMilliseconds, updatedAt.epochMilliseconds, notBefore.epochMilliseconds,
            expiresAt.epochMilliseconds, eventSource, eventId, retryOf,
        ])
    }
}

/// The database holds a value this version of Loa cannot read.
struct StoreCorruption: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
