import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func ingest(
        _ events: [DossierEvent],
        plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan
    ) async throws -> [IngestOutcome] {
        let receivedAt = Date().epochMilliseconds
        return try await write { db in
            try events.map { event in try SQLiteStore.ingest(event, receivedAt: receivedAt, plan: plan, db) }
        }
    }

    public func inboxRecord(source: String, eventId: String) async throws -> InboxRecord? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE source = ? AND event_id = ?",
                                             arguments: [source, eventId]) else { return nil }
            guard let status = DossierStatus(rawValue: row["status"]) else {
                throw StoreCorruption("event \(eventId) has unknown status \(row["status"] as Int)")
            }
            let messageIds: String = row["message_ids"]
            return InboxRecord(
                source: source, eventId: eventId, dossierCode: row["dossier_code"], status: status,
                occurredAt: Date(epochMilliseconds: row["occurred_at"]), receivedAt: Date(epochMilliseconds: row["received_at"]),
                keyId: row["key_id"], messageIds: messageIds.split(separator: ",").map(String.init))
        }
    }

    private static func ingest(
        _ event: DossierEvent, receivedAt: Int64,
        plan: (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan, _ db: Database
    ) throws -> IngestOutcome {
        let seen = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM events WHERE source = ? AND event_id = ?"),
            arguments: [event.source, event.eventId]) ?? false
        if seen { return .duplicate }
        if let forgotten = try forgottenEventRejection(event, db) { return .rejected(forgotten) }

        let snapshot = try dossierSnapshot(code: event.dossierCode, db)
        if let refusal = snapshot?.ownershipRejection(of: event) { return .rejected(refusal) }
        // A language the resident chose themselves wins over the dossier system's.
        var event = event
        if let chosen = try residentLocale(phone: event.applicantPhone.e164, db) { event.locale = chosen }
        let eventPlan: EventPlan
        do {
            eventPlan = try plan(event, snapshot)
        } catch {
            return .rejected(error)
        }

        if eventPlan.supersedesOlderMessages {
            try db.cachedStatement(sql: """
                UPDATE messages SET state = 'cancelled', updated_at = ?, last_error = ?
                WHERE dossier_code = ? AND state = 'pending'
                """).execute(arguments: [receivedAt, "superseded by status \(event.status.name)", event.dossierCode])
        }
        for message in eventPlan.messages {
            try message.insert(db)
        }
        let messageIds = eventPlan.messages.map(\.id)
        try db.cachedStatement(sql: """
            INSERT INTO events (source, event_id, dossier_code, status, occurred_at, received_at, message_ids, key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                event.source, event.eventId, event.dossierCode, event.status.rawValue,
                event.occurredAt.epochMilliseconds, receivedAt, messageIds.joined(separator: ","), event.keyId,
            ])
        if snapshot.map({ event.occurredAt >= $0.statusOccurredAt }) ?? true {
            try db.cachedStatement(sql: """
                INSERT INTO dossiers (code, status, status_occurred_at, commune, procedure, applicant_name,
                                      phone, locale, due_date, updated_at, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET
                    status = excluded.status, status_occurred_at = excluded.status_occurred_at,
                    procedure = excluded.procedure, source = COALESCE(dossiers.source, excluded.source),
                    applicant_name = excluded.applicant_name, phone = excluded.phone,
                    locale = excluded.locale, due_date = COALESCE(excluded.due_date, dossiers.due_date),
                    updated_at = excluded.updated_at
                """).execute(arguments: [
                    event.dossierCode, event.status.rawValue, event.occurredAt.epochMilliseconds, event.commune,
                    event.procedure, event.applicantName, event.applicantPhone.e164, event.locale.rawValue,
                    event.dueDate?.iso8601, receivedAt, event.source,
                ])
        }
        return .accepted(messageIds: messageIds)
    }

    private static func dossierSnapshot(code: String, _ db: Database) throws -> DossierSnapshot? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT status, status_occurred_at, commune, procedure, source FROM dossiers WHERE code = ?"),
            arguments: [code]) else { return nil }
        guard let status = DossierStatus(rawValue: row["status"]) else {
            throw StoreCorruption("dossier has unknown status \(row["status"] as Int)")
        }
        return DossierSnapshot(
            code: code, status: status, statusOccurredAt: Date(epochMilliseconds: row["status_occurred_at"]),
            commune: row["commune"], procedure: row["procedure"], source: row["source"])
    }
}
