import Foundation
import GRDB
import LoaCore

extension StoredMessage {
    /// The columns in the order ``init(row:)`` reads them: every query that makes a message
    /// from a row selects exactly these.
    static let columns = """
        id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments, state,
        attempts, provider, provider_message_id, last_error, created_at, updated_at, not_before,
        expires_at, event_source, event_id, retry_of, waiting_for, unreviewed_locale
        """

    /// Reads a row of ``columns`` by position (by name, GRDB would compare lowercased names for
    /// every column of every row).
    init(row: Row) throws {
        guard let encoding = SMSEncoding(rawValue: row[8]), let state = MessageState(rawValue: row[10]) else {
            throw StoreCorruption("message \(row[0] as String? ?? "?") has an unknown encoding or state")
        }
        let rank: Int = row[5]
        self.init(
            id: row[0], dossierCode: row[1], commune: row[2],
            kind: NotificationKind(rawValue: row[3]), locale: MessageLocale(rawValue: row[4]),
            priority: MessagePriority(rank: rank) ?? .normal,
            recipient: row[6], text: row[7], encoding: encoding, segments: row[9],
            state: state, attempts: row[11], provider: row[12],
            providerMessageId: row[13], lastError: row[14],
            createdAt: Date(epochMilliseconds: row[15]), updatedAt: Date(epochMilliseconds: row[16]),
            notBefore: Date(epochMilliseconds: row[17]), expiresAt: Date(epochMilliseconds: row[18]),
            eventSource: row[19], eventId: row[20], retryOf: row[21],
            waitReason: (row[22] as String?).flatMap(WaitReason.init(rawValue:)),
            unreviewedLocale: (row[23] as String?).map(MessageLocale.init(rawValue:))
        )
    }

    /// Inserts the message (a new outbox row).
    func insert(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO messages (\(StoredMessage.columns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            id, dossierCode, commune, kind.rawValue, locale.rawValue, priority.rank, recipient, text,
            encoding.rawValue, segments, state.rawValue, attempts, provider, providerMessageId, lastError,
            createdAt.epochMilliseconds, updatedAt.epochMilliseconds, notBefore.epochMilliseconds,
            expiresAt.epochMilliseconds, eventSource, eventId, retryOf, waitReason?.rawValue, unreviewedLocale?.rawValue,
        ])
        try textReviewHold?.insert(messageId: id, db)
    }
}

/// The database holds a value this version of Loa cannot read.
struct StoreCorruption: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
