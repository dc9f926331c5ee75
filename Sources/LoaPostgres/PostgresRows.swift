import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

/// Reading the store's values from rows and writing them as rows: the same columns as the
/// SQLite driver, read by position.
extension StoredMessage {
    /// The columns in the order ``init(postgresRow:)`` reads them.
    static let postgresColumns = """
        id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments, state,
        attempts, provider, provider_message_id, last_error, created_at, updated_at, not_before,
        expires_at, event_source, event_id, retry_of, waiting_for, unreviewed_locale
        """

    /// The same columns qualified by a table alias (`m.id, m.dossier_code, …`).
    static func postgresColumns(of alias: String) -> String {
        postgresColumns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }
            .joined(separator: ", ")
    }

    init(postgresRow row: PostgresRandomAccessRow) throws {
        let id = try row[0].decode(String.self)
        guard let encoding = SMSEncoding(rawValue: try row[8].decode(String.self)),
              let state = MessageState(rawValue: try row[10].decode(String.self)) else {
            throw StoreCorruption("message \(id) has an unknown encoding or state")
        }
        self.init(
            id: id, dossierCode: try row[1].decode(String.self), commune: try row[2].decode(String.self),
            kind: NotificationKind(rawValue: try row[3].decode(String.self)),
            locale: MessageLocale(rawValue: try row[4].decode(String.self)),
            priority: MessagePriority(rank: try row[5].decode(Int.self)) ?? .normal,
            recipient: try row[6].decode(String.self), text: try row[7].decode(String.self),
            encoding: encoding, segments: try row[9].decode(Int.self),
            state: state, attempts: try row[11].decode(Int.self), provider: try row[12].decode(String?.self),
            providerMessageId: try row[13].decode(String?.self), lastError: try row[14].decode(String?.self),
            createdAt: Date(epochMilliseconds: try row[15].decode(Int64.self)),
            updatedAt: Date(epochMilliseconds: try row[16].decode(Int64.self)),
            notBefore: Date(epochMilliseconds: try row[17].decode(Int64.self)),
            expiresAt: Date(epochMilliseconds: try row[18].decode(Int64.self)),
            eventSource: try row[19].decode(String.self), eventId: try row[20].decode(String.self),
            retryOf: try row[21].decode(String?.self),
            waitReason: try row[22].decode(String?.self).flatMap(WaitReason.init(rawValue:)),
            unreviewedLocale: try row[23].decode(String?.self).map(MessageLocale.init(rawValue:)))
    }

    /// Inserts the message (a new outbox row).
    func insert(_ connection: PostgresSession, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO messages (id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments,
                state, attempts, provider, provider_message_id, last_error, created_at, updated_at, not_before,
                expires_at, event_source, event_id, retry_of, waiting_for, unreviewed_locale)
            VALUES (\(id), \(dossierCode), \(commune), \(kind.rawValue), \(locale.rawValue), \(priority.rank), \(recipient),
                \(text), \(encoding.rawValue), \(segments), \(state.rawValue), \(attempts), \(provider), \(providerMessageId),
                \(lastError), \(createdAt.epochMilliseconds), \(updatedAt.epochMilliseconds), \(notBefore.epochMilliseconds),
                \(expiresAt.epochMilliseconds), \(eventSource), \(eventId), \(retryOf), \(waitReason?.rawValue), \(unreviewedLocale?.rawValue))
            """, logger: logger)
        try await textReviewHold?.insert(messageId: id, connection, logger: logger)
    }
}

extension Appointment {
    /// The columns in the order ``init(postgresRow:)`` reads them.
    static let postgresColumns = """
        id, commune, applicant_name, phone, locale, dossier_code, procedure, starts_at, place, note, status,
        cancel_reason, booked_by, created_at, updated_at
        """

    init(postgresRow row: PostgresRandomAccessRow) throws {
        let id = try row[0].decode(String.self)
        guard let status = AppointmentStatus(rawValue: try row[10].decode(String.self)) else {
            throw StoreCorruption("appointment \(id) has an unknown status")
        }
        self.init(
            id: id, commune: try row[1].decode(String.self), applicantName: try row[2].decode(String.self),
            phone: try row[3].decode(String.self), locale: MessageLocale(rawValue: try row[4].decode(String.self)),
            dossierCode: try row[5].decode(String?.self), procedure: try row[6].decode(String.self),
            startsAt: Date(epochMilliseconds: try row[7].decode(Int64.self)), place: try row[8].decode(String.self),
            note: try row[9].decode(String?.self), status: status, cancelReason: try row[11].decode(String?.self),
            bookedBy: try row[12].decode(String?.self),
            createdAt: Date(epochMilliseconds: try row[13].decode(Int64.self)),
            updatedAt: Date(epochMilliseconds: try row[14].decode(Int64.self)))
    }

    /// Inserts the appointment (a new row).
    func insert(_ connection: PostgresSession, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO appointments (id, commune, applicant_name, phone, locale, dossier_code, procedure, starts_at, place,
                note, status, cancel_reason, booked_by, created_at, updated_at)
            VALUES (\(id), \(commune), \(applicantName), \(phone), \(locale.rawValue), \(dossierCode), \(procedure),
                \(startsAt.epochMilliseconds), \(place), \(note), \(status.rawValue), \(cancelReason), \(bookedBy),
                \(createdAt.epochMilliseconds), \(updatedAt.epochMilliseconds))
            """, logger: logger)
    }
}

extension APIKey {
    /// The columns in the order ``init(postgresRow:)`` reads them.
    static let postgresColumns = """
        id, name, role, commune, secret_hash, created_at, revoked_at, scope_sources, scope_communes, signing_secret_sealed
        """

    init(postgresRow row: PostgresRandomAccessRow) throws {
        let id = try row[0].decode(String.self)
        let roleName = try row[2].decode(String.self)
        guard let role = Role(rawValue: roleName) else {
            throw StoreCorruption("key \(id) has unknown role \(roleName)")
        }
        self.init(
            id: id, name: try row[1].decode(String.self), role: role, commune: try row[3].decode(String?.self),
            secretHash: try row[4].decode(String.self), createdAt: Date(epochMilliseconds: try row[5].decode(Int64.self)),
            revokedAt: try row[6].decode(Int64?.self).map(Date.init(epochMilliseconds:)),
            ingestScope: IngestScope(
                sources: try APIKey.scopeValues(try row[7].decode(String?.self), column: "scope_sources", keyId: id),
                communes: try APIKey.scopeValues(try row[8].decode(String?.self), column: "scope_communes", keyId: id)),
            sealedSigningSecret: try row[9].decode(Data?.self))
    }

    /// A scope list as stored: a JSON array of strings, or NULL when it allows anything (as in SQLite).
    static func scopeColumn(_ values: [String]) throws -> String? {
        values.isEmpty ? nil : String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// A stored scope list back as values (empty for NULL).
    static func scopeValues(_ stored: String?, column: String, keyId: String) throws -> [String] {
        guard let stored else { return [] }
        guard let values = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)) else {
            throw StoreCorruption("key \(keyId) has an unreadable \(column): \(stored)")
        }
        return values
    }
}
