public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    /// Messages in a final state since before the horizon (`?` twice: the horizon) whose personal
    /// data is still there. `created_at` is implied by `updated_at` and lets the search run on
    /// the `messages_personal_by_creation` index.
    private static let personalMessagesBefore: String = {
        let finalStates = MessageState.allCases.filter(\.isFinal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "recipient <> '' AND created_at < ? AND updated_at < ? AND state IN (\(finalStates))"
    }()

    /// Dossiers closed since before the horizon (`?` twice). The status condition matches the
    /// `dossiers_closed` index (v21 writes it with OR), which SQLite uses only for this exact text.
    private static let closedDossiersBefore: String = {
        let closed = DossierStatus.allCases.filter(\.isClosed).map { "status = \($0.rawValue)" }.joined(separator: " OR ")
        return "(\(closed)) AND updated_at < ? AND status_occurred_at < ?"
    }()

    /// Events received and occurred before the horizon (`?` twice).
    private static let eventsBefore = "received_at < ? AND occurred_at < ?"

    /// Appointments that started and last changed before the horizon (`?` twice): whatever their
    /// status, they are over; `starts_at` leads so the `appointments_by_start` index serves.
    private static let appointmentsBefore = "starts_at < ? AND updated_at < ?"

    public func purgeable(horizon: Date) async throws -> PurgeCounts {
        let cutoff = horizon.epochMilliseconds
        return try await pool.read { db in
            func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
                try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            return PurgeCounts(
                messages: try count("SELECT COUNT(*) FROM messages WHERE \(Self.personalMessagesBefore)", [cutoff, cutoff]),
                attempts: try count("""
                    SELECT COUNT(*) FROM attempts WHERE message_id IN (SELECT id FROM messages WHERE \(Self.personalMessagesBefore))
                    """, [cutoff, cutoff]),
                receipts: try count("SELECT COUNT(*) FROM receipts WHERE received_at < ?", [cutoff]),
                events: try count("SELECT COUNT(*) FROM events WHERE \(Self.eventsBefore)", [cutoff, cutoff]),
                dossiers: try count("SELECT COUNT(*) FROM dossiers WHERE \(Self.closedDossiersBefore)", [cutoff, cutoff]),
                inbound: try count("SELECT COUNT(*) FROM inbound_messages WHERE received_at < ?", [cutoff]),
                appointments: try count("SELECT COUNT(*) FROM appointments WHERE \(Self.appointmentsBefore)", [cutoff, cutoff]))
        }
    }

    public func purgePersonalData(horizon: Date, limit: Int) async throws -> PurgeCounts {
        let cutoff = horizon.epochMilliseconds
        return try await write { db in
            var counts = PurgeCounts()
            let messageIds = try String.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM messages WHERE \(Self.personalMessagesBefore) LIMIT ?
                """), arguments: [cutoff, cutoff, limit])
            for id in messageIds {
                // The last error goes too: a provider's report may quote the text or the number.
                try db.cachedStatement(sql: """
                    UPDATE messages SET recipient = '', text = '', last_error = NULL WHERE id = ?
                    """).execute(arguments: [id])
                try db.cachedStatement(sql: "DELETE FROM attempts WHERE message_id = ?").execute(arguments: [id])
                counts.attempts += db.changesCount
            }
            counts.messages = messageIds.count
            try db.cachedStatement(sql: """
                DELETE FROM receipts WHERE id IN (SELECT id FROM receipts WHERE received_at < ? ORDER BY received_at LIMIT ?)
                """).execute(arguments: [cutoff, limit])
            counts.receipts = db.changesCount
            try db.cachedStatement(sql: """
                DELETE FROM events WHERE (source, event_id) IN (
                    SELECT source, event_id FROM events WHERE \(Self.eventsBefore) ORDER BY received_at LIMIT ?)
                """).execute(arguments: [cutoff, cutoff, limit])
            counts.events = db.changesCount
            try db.cachedStatement(sql: """
                DELETE FROM dossiers WHERE code IN (SELECT code FROM dossiers WHERE \(Self.closedDossiersBefore) LIMIT ?)
                """).execute(arguments: [cutoff, cutoff, limit])
            counts.dossiers = db.changesCount
            // Handled or not: a message this old that no consumer took is not answered any more.
            try db.cachedStatement(sql: """
                DELETE FROM inbound_messages WHERE id IN (
                    SELECT id FROM inbound_messages WHERE received_at < ? ORDER BY received_at LIMIT ?)
                """).execute(arguments: [cutoff, limit])
            counts.inbound = db.changesCount
            // Its messages keep their own retention (a final state that long ago).
            try db.cachedStatement(sql: """
                DELETE FROM appointments WHERE id IN (SELECT id FROM appointments WHERE \(Self.appointmentsBefore) LIMIT ?)
                """).execute(arguments: [cutoff, cutoff, limit])
            counts.appointments = db.changesCount
            if counts.events > 0 || counts.dossiers > 0 {
                // Whatever occurred before the horizon may have been forgotten from now on.
                try db.cachedStatement(sql: """
                    INSERT INTO retention_horizon (subject, forgotten_before) VALUES ('events', ?)
                    ON CONFLICT (subject) DO UPDATE SET forgotten_before = MAX(forgotten_before, excluded.forgotten_before)
                    """).execute(arguments: [cutoff])
            }
            return counts
        }
    }

    /// The rejection of an event that occurred before the horizon events were forgotten
    /// before: it cannot be told from a replay of a forgotten event, and a notice that late would
    /// mislead. Nil for any other event.
    static func forgottenEventRejection(_ event: DossierEvent, _ db: Database) throws -> IngestRejection? {
        guard let forgottenBefore = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT forgotten_before FROM retention_horizon WHERE subject = 'events'
            """)), event.occurredAt.epochMilliseconds < forgottenBefore else { return nil }
        let horizon = Date(epochMilliseconds: forgottenBefore).formatted(.iso8601)
        return IngestRejection(
            code: "occurred_before_retention",
            message: "occurredAt \(event.occurredAt.formatted(.iso8601)) is before \(horizon), before which Loa has forgotten its events (retention.messages): it cannot tell whether this event was accepted already, and a notice this late would mislead; nothing was sent. Send only events of the retention period",
            field: "occurredAt")
    }
}
