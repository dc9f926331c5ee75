import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

/// One ingest transaction's reads and writes in sets: what the batch's events need is read
/// with four statements before the first is planned (events already taken, the retention
/// horizon, the dossiers, locked, and the residents' chosen languages), and its new rows are
/// written with one statement per table at the end. The effect is the embedded driver's one
/// event at a time: an event already taken earlier in the batch is a duplicate, a dossier an
/// earlier event of the batch changed is read again once that change is written, and the
/// batch's messages are in the outbox before an event supersedes older ones.
struct IngestBatch {
    /// Bytes, not Strings: Swift takes canonically equivalent Unicode (an eventId in NFC and
    /// in NFD) as equal, the database's unique key does not.
    private struct EventKey: Hashable {
        let source: [UInt8]
        let eventId: [UInt8]

        init(source: String, eventId: String) {
            self.source = Array(source.utf8)
            self.eventId = Array(eventId.utf8)
        }
    }

    private let receivedAt: Int64
    private var taken: Set<EventKey>
    private let forgottenBefore: Int64?
    private let dossiers: [String: DossierSnapshot]
    private let residentLocales: [String: MessageLocale]
    /// Dossiers whose row an event of the batch wrote (or will, once ``dossierRows`` are written).
    private var changedDossiers: Set<String> = []
    private var messages: [StoredMessage] = []
    private var eventRows: [DossierEvent] = []
    private var eventMessageIds: [String] = []
    private var dossierRows: [DossierEvent] = []

    /// Reads what `events` need; their dossiers stay locked until commit (in code order, as
    /// concurrent batches take them), so two nodes apply a dossier's events one after the other.
    init(_ events: [DossierEvent], receivedAt: Int64, _ connection: PostgresSession, _ logger: Logger) async throws {
        self.receivedAt = receivedAt
        taken = []
        for row in try await connection.rows("""
            SELECT e.source, e.event_id FROM events e
            JOIN unnest(\(events.map(\.source))::text[], \(events.map(\.eventId))::text[]) AS k(source, event_id)
                ON e.source = k.source AND e.event_id = k.event_id
            """, logger: logger) {
            taken.insert(EventKey(source: try row[0].decode(String.self), eventId: try row[1].decode(String.self)))
        }
        forgottenBefore = try await PostgresStore.eventsForgottenBefore(connection, logger)
        var dossiers: [String: DossierSnapshot] = [:]
        for row in try await connection.rows("""
            SELECT code, status, status_occurred_at, commune, procedure, source FROM dossiers
            WHERE code = ANY(\(Set(events.map(\.dossierCode)).sorted())) ORDER BY code FOR UPDATE
            """, logger: logger) {
            let code = try row[0].decode(String.self)
            dossiers[code] = try PostgresStore.dossierSnapshot(code: code, row: row, from: 1)
        }
        self.dossiers = dossiers
        var locales: [String: MessageLocale] = [:]
        for row in try await connection.rows("""
            SELECT phone, locale FROM residents WHERE phone = ANY(\(Set(events.map(\.applicantPhone.e164)).sorted()))
            """, logger: logger) {
            if let locale = try row[1].decode(String?.self).flatMap(MessageLocale.parse) {
                locales[try row[0].decode(String.self)] = locale
            }
        }
        residentLocales = locales
    }

    /// Whether the event was taken before, or earlier in the batch.
    func isTaken(_ event: DossierEvent) -> Bool {
        taken.contains(EventKey(source: event.source, eventId: event.eventId))
    }

    /// The rejection of an event older than the retention horizon, if it is.
    func forgottenRejection(_ event: DossierEvent) -> IngestRejection? {
        PostgresStore.forgottenEventRejection(event, forgottenBefore: forgottenBefore)
    }

    /// The event's dossier as the events before it in the batch left it.
    mutating func snapshot(of code: String, _ connection: PostgresSession, _ logger: Logger) async throws -> DossierSnapshot? {
        guard changedDossiers.contains(code) else { return dossiers[code] }
        try await writeDossiers(connection, logger)
        return try await PostgresStore.dossierSnapshot(code: code, connection, logger)
    }

    /// The language the resident chose themselves, if any.
    func residentLocale(phone: String) -> MessageLocale? {
        residentLocales[phone]
    }

    /// Cancels the dossier's unsent messages, the batch's own included.
    mutating func supersede(_ event: DossierEvent, _ connection: PostgresSession, _ logger: Logger) async throws {
        try await messages.insert(connection, logger: logger)
        messages.removeAll()
        try await connection.query("""
            UPDATE messages SET state = 'cancelled', updated_at = \(receivedAt), last_error = \("superseded by status \(event.status.name)")
            WHERE dossier_code = \(event.dossierCode) AND state = 'pending'
            """, logger: logger)
    }

    /// Takes the event with its messages; `updatesDossier` when it is the dossier's newest status.
    mutating func accept(_ event: DossierEvent, messages planned: [StoredMessage], updatesDossier: Bool) {
        messages += planned
        taken.insert(EventKey(source: event.source, eventId: event.eventId))
        eventRows.append(event)
        eventMessageIds.append(planned.map(\.id).joined(separator: ","))
        if updatesDossier {
            dossierRows.append(event)
            changedDossiers.insert(event.dossierCode)
        }
    }

    /// Writes what the batch took: messages, events, then dossiers. Another node taking the same
    /// event at the same moment makes the events insert fail with a unique violation; the
    /// transaction then runs again and finds it taken.
    mutating func write(_ connection: PostgresSession, _ logger: Logger) async throws {
        try await messages.insert(connection, logger: logger)
        messages.removeAll()
        try await Self.insert(Array(zip(eventRows, eventMessageIds)), connection, logger, into: """
            INSERT INTO events (source, event_id, dossier_code, status, occurred_at, received_at, message_ids, key_id)
            """) { row, bindings in
            let (event, messageIds) = row
            bindings.append(event.source)
            bindings.append(event.eventId)
            bindings.append(event.dossierCode)
            bindings.append(event.status.rawValue)
            bindings.append(event.occurredAt.epochMilliseconds)
            bindings.append(receivedAt)
            bindings.append(messageIds)
            bindings.append(event.keyId)
        }
        eventRows.removeAll()
        eventMessageIds.removeAll()
        try await writeDossiers(connection, logger)
    }

    /// Each dossier's newest status; a dossier appears once (a second event of it reads it
    /// again first, which writes these).
    private mutating func writeDossiers(_ connection: PostgresSession, _ logger: Logger) async throws {
        // In code order, as the existing ones were locked: two nodes creating the same new
        // dossiers never wait for each other crosswise. A new dossier two nodes create at once
        // keeps the newer status, whichever commits last.
        try await Self.insert(dossierRows.sorted { Array($0.dossierCode.utf8).lexicographicallyPrecedes(Array($1.dossierCode.utf8)) },
                              connection, logger, into: """
            INSERT INTO dossiers (code, status, status_occurred_at, commune, procedure, applicant_name,
                                  phone, locale, due_date, updated_at, source)
            """, onConflict: """
            ON CONFLICT (code) DO UPDATE SET
                status = excluded.status, status_occurred_at = excluded.status_occurred_at,
                procedure = excluded.procedure, source = COALESCE(dossiers.source, excluded.source),
                applicant_name = excluded.applicant_name, phone = excluded.phone,
                locale = excluded.locale, due_date = COALESCE(excluded.due_date, dossiers.due_date),
                updated_at = excluded.updated_at
            WHERE excluded.status_occurred_at >= dossiers.status_occurred_at
            """) { event, bindings in
            bindings.append(event.dossierCode)
            bindings.append(event.status.rawValue)
            bindings.append(event.occurredAt.epochMilliseconds)
            bindings.append(event.commune)
            bindings.append(event.procedure)
            bindings.append(event.applicantName)
            bindings.append(event.applicantPhone.e164)
            bindings.append(event.locale.rawValue)
            bindings.append(event.dueDate?.iso8601)
            bindings.append(receivedAt)
            bindings.append(event.source)
        }
        dossierRows.removeAll()
    }

    /// Rows per multi-row `INSERT`, well under PostgreSQL's 65,535 parameters per statement.
    static let rowsPerInsert = 1000

    /// Inserts `rows` in their order with `VALUES` lists of ``rowsPerInsert`` rows, each row's
    /// columns bound by `bind`.
    private static func insert<Row>(
        _ rows: [Row], _ connection: PostgresSession, _ logger: Logger, into head: String, onConflict tail: String = "",
        bind: (Row, inout PostgresBindings) -> Void
    ) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerInsert, rows.count)
            var bindings = PostgresBindings()
            var values: [String] = []
            for row in rows[start..<end] {
                let first = bindings.count + 1
                bind(row, &bindings)
                values.append("(" + (first...bindings.count).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            try await connection.query(PostgresQuery(unsafeSQL: "\(head) VALUES \(values.joined(separator: ", ")) \(tail)", binds: bindings), logger: logger)
            start = end
        }
    }
}
