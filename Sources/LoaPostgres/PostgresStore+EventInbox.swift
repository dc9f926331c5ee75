import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func ingest(
        _ events: [DossierEvent],
        plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan
    ) async throws -> [IngestOutcome] {
        let receivedAt = Date().epochMilliseconds
        let logger = logger
        return try await write { connection in
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(events.count)
            // The batch's messages, inserted together (one firing of the statistics rollup's trigger).
            var planned: [StoredMessage] = []
            for event in events {
                outcomes.append(try await PostgresStore.ingest(event, receivedAt: receivedAt, plan: plan, planned: &planned, connection, logger))
            }
            try await planned.insert(connection, logger: logger)
            if outcomes.contains(where: { if case .accepted(let ids) = $0 { !ids.isEmpty } else { false } }) {
                try await PostgresStore.notifyNewMessages(connection, logger)
            }
            return outcomes
        }
    }

    public func inboxRecord(source: String, eventId: String) async throws -> InboxRecord? {
        let logger = logger
        return try await read { connection in
            guard let row = try await connection.rows("""
                SELECT dossier_code, status, occurred_at, received_at, key_id, message_ids FROM events
                WHERE source = \(source) AND event_id = \(eventId)
                """, logger: logger).first else { return nil }
            let statusCode = try row[1].decode(Int.self)
            guard let status = DossierStatus(rawValue: statusCode) else {
                throw StoreCorruption("event \(eventId) has unknown status \(statusCode)")
            }
            let messageIds = try row[5].decode(String.self)
            return InboxRecord(
                source: source, eventId: eventId, dossierCode: try row[0].decode(String.self), status: status,
                occurredAt: Date(epochMilliseconds: try row[2].decode(Int64.self)),
                receivedAt: Date(epochMilliseconds: try row[3].decode(Int64.self)),
                keyId: try row[4].decode(String?.self), messageIds: messageIds.split(separator: ",").map(String.init))
        }
    }

    private static func ingest(
        _ event: DossierEvent, receivedAt: Int64,
        plan: (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan,
        planned: inout [StoredMessage], _ connection: PostgresSession, _ logger: Logger
    ) async throws -> IngestOutcome {
        // Another node taking the same event at the same moment makes the events insert below
        // fail with a unique violation; the transaction then runs again and finds it here.
        let seen = try await connection.value("""
            SELECT 1 FROM events WHERE source = \(event.source) AND event_id = \(event.eventId)
            """, as: Int.self, logger: logger) != nil
        if seen { return .duplicate }
        if let forgotten = try await forgottenEventRejection(event, connection, logger) { return .rejected(forgotten) }

        // The dossier's row stays locked until commit, so two nodes apply its events one after the other.
        let snapshot = try await dossierSnapshot(code: event.dossierCode, connection, logger)
        if let refusal = snapshot?.ownershipRejection(of: event) { return .rejected(refusal) }
        // A language the resident chose themselves wins over the dossier system's.
        var event = event
        if let chosen = try await residentLocale(phone: event.applicantPhone.e164, connection, logger) { event.locale = chosen }
        let eventPlan: EventPlan
        do {
            eventPlan = try plan(event, snapshot)
        } catch {
            return .rejected(error)
        }

        if eventPlan.supersedesOlderMessages {
            // The batch's earlier messages are in the outbox before older ones are superseded.
            try await planned.insert(connection, logger: logger)
            planned.removeAll()
            try await connection.query("""
                UPDATE messages SET state = 'cancelled', updated_at = \(receivedAt), last_error = \("superseded by status \(event.status.name)")
                WHERE dossier_code = \(event.dossierCode) AND state = 'pending'
                """, logger: logger)
        }
        planned += eventPlan.messages
        let messageIds = eventPlan.messages.map(\.id)
        try await connection.query("""
            INSERT INTO events (source, event_id, dossier_code, status, occurred_at, received_at, message_ids, key_id)
            VALUES (\(event.source), \(event.eventId), \(event.dossierCode), \(event.status.rawValue),
                \(event.occurredAt.epochMilliseconds), \(receivedAt), \(messageIds.joined(separator: ",")), \(event.keyId))
            """, logger: logger)
        if snapshot.map({ event.occurredAt >= $0.statusOccurredAt }) ?? true {
            try await connection.query("""
                INSERT INTO dossiers (code, status, status_occurred_at, commune, procedure, applicant_name,
                                      phone, locale, due_date, updated_at, source)
                VALUES (\(event.dossierCode), \(event.status.rawValue), \(event.occurredAt.epochMilliseconds), \(event.commune),
                    \(event.procedure), \(event.applicantName), \(event.applicantPhone.e164), \(event.locale.rawValue),
                    \(event.dueDate?.iso8601), \(receivedAt), \(event.source))
                ON CONFLICT (code) DO UPDATE SET
                    status = excluded.status, status_occurred_at = excluded.status_occurred_at,
                    procedure = excluded.procedure, source = COALESCE(dossiers.source, excluded.source),
                    applicant_name = excluded.applicant_name, phone = excluded.phone,
                    locale = excluded.locale, due_date = COALESCE(excluded.due_date, dossiers.due_date),
                    updated_at = excluded.updated_at
                """, logger: logger)
        }
        return .accepted(messageIds: messageIds)
    }

    private static func dossierSnapshot(code: String, _ connection: PostgresSession, _ logger: Logger) async throws -> DossierSnapshot? {
        guard let row = try await connection.rows("""
            SELECT status, status_occurred_at, commune, procedure, source FROM dossiers WHERE code = \(code) FOR UPDATE
            """, logger: logger).first else { return nil }
        let statusCode = try row[0].decode(Int.self)
        guard let status = DossierStatus(rawValue: statusCode) else {
            throw StoreCorruption("dossier has unknown status \(statusCode)")
        }
        return DossierSnapshot(
            code: code, status: status, statusOccurredAt: Date(epochMilliseconds: try row[1].decode(Int64.self)),
            commune: try row[2].decode(String.self), procedure: try row[3].decode(String.self), source: try row[4].decode(String?.self))
    }
}
