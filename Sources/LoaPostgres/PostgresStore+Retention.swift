public import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    /// Messages in a final state since before the horizon (`$1` twice) whose personal data is
    /// still there; `created_at` is implied by `updated_at` and lets the search use
    /// `messages_personal_by_creation`.
    private static let personalMessagesBefore: String = {
        let finalStates = MessageState.allCases.filter(\.isFinal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "recipient <> '' AND created_at < $1 AND updated_at < $1 AND state IN (\(finalStates))"
    }()

    /// Dossiers closed since before the horizon (`$1`); the list matches the `dossiers_closed` index.
    private static let closedDossiersBefore: String = {
        let closed = DossierStatus.allCases.filter(\.isClosed).map { String($0.rawValue) }.joined(separator: ", ")
        return "status IN (\(closed)) AND updated_at < $1 AND status_occurred_at < $1"
    }()

    /// Events received and occurred before the horizon (`$1`).
    private static let eventsBefore = "received_at < $1 AND occurred_at < $1"

    /// Appointments that started and last changed before the horizon (`$1`).
    private static let appointmentsBefore = "starts_at < $1 AND updated_at < $1"

    public func purgeable(horizon: Date) async throws -> PurgeCounts {
        let cutoff = horizon.epochMilliseconds
        let logger = logger
        return try await read { connection in
            func count(_ sql: String) async throws -> Int {
                try await connection.value(PostgresQuery(unsafeSQL: sql, binds: try PostgresStore.binds(cutoff)), as: Int.self, logger: logger) ?? 0
            }
            return PurgeCounts(
                messages: try await count("SELECT COUNT(*) FROM messages WHERE \(Self.personalMessagesBefore)"),
                attempts: try await count("""
                    SELECT COUNT(*) FROM attempts WHERE message_id IN (SELECT id FROM messages WHERE \(Self.personalMessagesBefore))
                    """),
                receipts: try await count("SELECT COUNT(*) FROM receipts WHERE received_at < $1"),
                events: try await count("SELECT COUNT(*) FROM events WHERE \(Self.eventsBefore)"),
                dossiers: try await count("SELECT COUNT(*) FROM dossiers WHERE \(Self.closedDossiersBefore)"),
                inbound: try await count("SELECT COUNT(*) FROM inbound_messages WHERE received_at < $1"),
                appointments: try await count("SELECT COUNT(*) FROM appointments WHERE \(Self.appointmentsBefore)"))
        }
    }

    public func purgePersonalData(horizon: Date, limit: Int) async throws -> PurgeCounts {
        let cutoff = horizon.epochMilliseconds
        let logger = logger
        return try await write { connection in
            func changed(_ sql: String) async throws -> Int {
                try await connection.changed(PostgresQuery(unsafeSQL: sql, binds: try PostgresStore.binds(cutoff, limit)), logger: logger)
            }
            var counts = PurgeCounts()
            // The last error goes too: a provider's report may quote the text or the number.
            let purged = try await connection.rows(PostgresQuery(unsafeSQL: """
                UPDATE messages SET recipient = '', text = '', last_error = NULL
                WHERE id IN (SELECT id FROM messages WHERE \(Self.personalMessagesBefore) LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, binds: try PostgresStore.binds(cutoff, limit)), logger: logger).map { try $0[0].decode(String.self) }
            counts.messages = purged.count
            if !purged.isEmpty {
                counts.attempts = try await connection.changed("DELETE FROM attempts WHERE message_id = ANY(\(purged)) RETURNING 1", logger: logger)
            }
            counts.receipts = try await changed("""
                DELETE FROM receipts WHERE id IN (SELECT id FROM receipts WHERE received_at < $1 ORDER BY received_at LIMIT $2) RETURNING 1
                """)
            counts.events = try await changed("""
                DELETE FROM events WHERE (source, event_id) IN (
                    SELECT source, event_id FROM events WHERE \(Self.eventsBefore) ORDER BY received_at LIMIT $2)
                RETURNING 1
                """)
            counts.dossiers = try await changed("""
                DELETE FROM dossiers WHERE code IN (SELECT code FROM dossiers WHERE \(Self.closedDossiersBefore) LIMIT $2) RETURNING 1
                """)
            // Handled or not: a message this old that no consumer took is not answered any more.
            counts.inbound = try await changed("""
                DELETE FROM inbound_messages WHERE id IN (
                    SELECT id FROM inbound_messages WHERE received_at < $1 ORDER BY received_at LIMIT $2)
                RETURNING 1
                """)
            // Its messages keep their own retention (a final state that long ago).
            counts.appointments = try await changed("""
                DELETE FROM appointments WHERE id IN (SELECT id FROM appointments WHERE \(Self.appointmentsBefore) LIMIT $2) RETURNING 1
                """)
            if counts.events > 0 || counts.dossiers > 0 {
                // Whatever occurred before the horizon may have been forgotten from now on.
                try await connection.query("""
                    INSERT INTO retention_horizon (subject, forgotten_before) VALUES ('events', \(cutoff))
                    ON CONFLICT (subject) DO UPDATE
                    SET forgotten_before = GREATEST(retention_horizon.forgotten_before, excluded.forgotten_before)
                    """, logger: logger)
            }
            return counts
        }
    }

    /// When events were forgotten before (see the SQLite driver), if ever.
    static func eventsForgottenBefore(_ connection: PostgresSession, _ logger: Logger) async throws -> Int64? {
        try await connection.value("""
            SELECT forgotten_before FROM retention_horizon WHERE subject = 'events'
            """, as: Int64.self, logger: logger)
    }

    /// The rejection of an event that occurred before `forgottenBefore`; nil for any other event.
    static func forgottenEventRejection(_ event: DossierEvent, forgottenBefore: Int64?) -> IngestRejection? {
        guard let forgottenBefore, event.occurredAt.epochMilliseconds < forgottenBefore else { return nil }
        let horizon = Date(epochMilliseconds: forgottenBefore).formatted(.iso8601)
        return IngestRejection(
            code: "occurred_before_retention",
            message: "occurredAt \(event.occurredAt.formatted(.iso8601)) is before \(horizon), before which Loa has forgotten its events (retention.messages): it cannot tell whether this event was accepted already, and a notice this late would mislead; nothing was sent. Send only events of the retention period",
            field: "occurredAt")
    }
}
