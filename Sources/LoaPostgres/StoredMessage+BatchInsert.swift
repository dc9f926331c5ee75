import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

extension [StoredMessage] {
    /// Messages per `INSERT`: 24 parameters each, under PostgreSQL's 65,535 per statement.
    static let messagesPerInsert = 1000

    /// Inserts the messages (new outbox rows) in their order with one multi-row `INSERT` per
    /// ``messagesPerInsert``, then their text review holds: the statistics rollup's trigger fires
    /// once per statement, not once per message.
    func insert(_ connection: PostgresSession, logger: Logger) async throws {
        var start = startIndex
        while start < endIndex {
            let end = index(start, offsetBy: Self.messagesPerInsert, limitedBy: endIndex) ?? endIndex
            var bindings = PostgresBindings(capacity: (end - start) * 24)
            var rows: [String] = []
            for message in self[start..<end] {
                let first = bindings.count + 1
                message.appendColumns(to: &bindings)
                rows.append("(" + (first..<(bindings.count + 1)).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO messages (id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments,
                    state, attempts, provider, provider_message_id, last_error, created_at, updated_at, not_before,
                    expires_at, event_source, event_id, retry_of, waiting_for, unreviewed_locale)
                VALUES \(rows.joined(separator: ", "))
                """, binds: bindings), logger: logger)
            start = end
        }
        for message in self {
            try await message.textReviewHold?.insert(messageId: message.id, connection, logger: logger)
        }
    }
}

extension StoredMessage {
    /// Binds the insert's 24 columns, in its order.
    fileprivate func appendColumns(to bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(dossierCode)
        bindings.append(commune)
        bindings.append(kind.rawValue)
        bindings.append(locale.rawValue)
        bindings.append(priority.rank)
        bindings.append(recipient)
        bindings.append(text)
        bindings.append(encoding.rawValue)
        bindings.append(segments)
        bindings.append(state.rawValue)
        bindings.append(attempts)
        bindings.append(provider)
        bindings.append(providerMessageId)
        bindings.append(lastError)
        bindings.append(createdAt.epochMilliseconds)
        bindings.append(updatedAt.epochMilliseconds)
        bindings.append(notBefore.epochMilliseconds)
        bindings.append(expiresAt.epochMilliseconds)
        bindings.append(eventSource)
        bindings.append(eventId)
        bindings.append(retryOf)
        bindings.append(waitReason?.rawValue)
        bindings.append(unreviewedLocale?.rawValue)
    }
}
