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
            var batch = try await IngestBatch(events, receivedAt: receivedAt, connection, logger)
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(events.count)
            for event in events {
                outcomes.append(try await PostgresStore.ingest(event, into: &batch, plan: plan, connection, logger))
            }
            try await batch.write(connection, logger)
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
        _ event: DossierEvent, into batch: inout IngestBatch,
        plan: (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan,
        _ connection: PostgresSession, _ logger: Logger
    ) async throws -> IngestOutcome {
        if batch.isTaken(event) { return .duplicate }
        if let forgotten = batch.forgottenRejection(event) { return .rejected(forgotten) }
        let snapshot = try await batch.snapshot(of: event.dossierCode, connection, logger)
        if let refusal = snapshot?.ownershipRejection(of: event) { return .rejected(refusal) }
        // A language the resident chose themselves wins over the dossier system's.
        var event = event
        if let chosen = batch.residentLocale(phone: event.applicantPhone.e164) { event.locale = chosen }
        let eventPlan: EventPlan
        do {
            eventPlan = try plan(event, snapshot)
        } catch {
            return .rejected(error)
        }
        if eventPlan.supersedesOlderMessages {
            try await batch.supersede(event, connection, logger)
        }
        batch.accept(event, messages: eventPlan.messages,
                     updatesDossier: snapshot.map { event.occurredAt >= $0.statusOccurredAt } ?? true)
        return .accepted(messageIds: eventPlan.messages.map(\.id))
    }

    /// The dossier's row, already locked by this transaction.
    static func dossierSnapshot(code: String, _ connection: PostgresSession, _ logger: Logger) async throws -> DossierSnapshot? {
        guard let row = try await connection.rows("""
            SELECT status, status_occurred_at, commune, procedure, source FROM dossiers WHERE code = \(code) FOR UPDATE
            """, logger: logger).first else { return nil }
        return try dossierSnapshot(code: code, row: row, from: 0)
    }

    /// A dossier read from columns status, status_occurred_at, commune, procedure, source from column `first` on.
    static func dossierSnapshot(code: String, row: PostgresRandomAccessRow, from first: Int) throws -> DossierSnapshot {
        let statusCode = try row[first].decode(Int.self)
        guard let status = DossierStatus(rawValue: statusCode) else {
            throw StoreCorruption("dossier has unknown status \(statusCode)")
        }
        return DossierSnapshot(
            code: code, status: status, statusOccurredAt: Date(epochMilliseconds: try row[first + 1].decode(Int64.self)),
            commune: try row[first + 2].decode(String.self), procedure: try row[first + 3].decode(String.self),
            source: try row[first + 4].decode(String?.self))
    }
}
