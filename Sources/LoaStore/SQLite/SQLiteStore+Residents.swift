public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func answer(
        inboundId: Int64, outcome: String, changes: [ResidentPreferenceChange], reply: StoredMessage?, at: Date
    ) async throws -> Bool {
        let atMs = at.epochMilliseconds
        return try await write { db in
            guard let sender = try String.fetchOne(db.cachedStatement(sql: """
                SELECT sender FROM inbound_messages WHERE id = ? AND handled_at IS NULL
                """), arguments: [inboundId]) else { return false }
            for change in changes {
                try SQLiteStore.apply(change, phone: sender, at: atMs, db)
            }
            try reply?.insert(db)
            try db.cachedStatement(sql: """
                UPDATE inbound_messages SET handled_at = ?, outcome = ? WHERE id = ?
                """).execute(arguments: [atMs, outcome, inboundId])
            return true
        }
    }

    public func change(_ change: ResidentPreferenceChange, for phone: PhoneNumber, at: Date) async throws {
        try await write { db in try SQLiteStore.apply(change, phone: phone.e164, at: at.epochMilliseconds, db) }
    }

    public func preferences(of phone: PhoneNumber) async throws -> ResidentPreferences {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT opted_out_at, opt_out_source, locale, help_day FROM residents WHERE phone = ?
                """), arguments: [phone.e164]) else { return ResidentPreferences() }
            let optedOutAt: Int64? = row[0]
            let locale: String? = row[2]
            return ResidentPreferences(
                optedOutAt: optedOutAt.map(Date.init(epochMilliseconds:)), optOutSource: row[1],
                locale: locale.flatMap(MessageLocale.parse), helpSentOnDay: row[3])
        }
    }

    public func optOuts(limit: Int) async throws -> [OptOut] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT phone, opted_out_at, opt_out_source FROM residents
                WHERE opted_out_at IS NOT NULL ORDER BY opted_out_at DESC LIMIT ?
                """), arguments: [limit]).map { row in
                OptOut(phone: try PhoneNumber(e164: row[0]), optedOutAt: Date(epochMilliseconds: row[1]), source: row[2])
            }
        }
    }

    public func dossier(code: String, applicantPhone phone: PhoneNumber) async throws -> ResidentDossier? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT code, status, status_occurred_at, commune, procedure, source, locale FROM dossiers
                WHERE code = ? COLLATE NOCASE AND phone = ?
                """), arguments: [code, phone.e164]) else { return nil }
            guard let status = DossierStatus(rawValue: row[1]) else {
                throw StoreCorruption("dossier has unknown status \(row[1] as Int)")
            }
            let snapshot = DossierSnapshot(
                code: row[0], status: status, statusOccurredAt: Date(epochMilliseconds: row[2]),
                commune: row[3], procedure: row[4], source: row[5])
            return ResidentDossier(snapshot: snapshot, locale: MessageLocale.parse(row[6]) ?? .vietnamese)
        }
    }

    public func upcomingAppointments(phone: PhoneNumber, from: Date, limit: Int) async throws -> [Appointment] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Appointment.columns) FROM appointments
                WHERE phone = ? AND starts_at >= ? AND status = 'booked' ORDER BY starts_at, id LIMIT ?
                """), arguments: [phone.e164, from.epochMilliseconds, limit]).map(Appointment.init(row:))
        }
    }

    /// The resident's chosen language, read inside ingest so it overrides the event's.
    static func residentLocale(phone: String, _ db: Database) throws -> MessageLocale? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT locale FROM residents WHERE phone = ?"), arguments: [phone])
            .flatMap(MessageLocale.parse)
    }

    private static func apply(_ change: ResidentPreferenceChange, phone: String, at atMs: Int64, _ db: Database) throws {
        let (assignments, arguments): (String, StatementArguments) = switch change {
        case .optOut(let source):
            // A second stop keeps the first one's time and source.
            ("opted_out_at = COALESCE(opted_out_at, ?), opt_out_source = COALESCE(opt_out_source, ?)", [atMs, source])
        case .optIn: ("opted_out_at = NULL, opt_out_source = NULL", [])
        case .language(let locale): ("locale = ?", [locale.rawValue])
        case .helpSent(let day): ("help_day = ?", [day])
        }
        try db.execute(sql: "INSERT INTO residents (phone, updated_at) VALUES (?, ?) ON CONFLICT (phone) DO NOTHING", arguments: [phone, atMs])
        try db.execute(sql: "UPDATE residents SET \(assignments), updated_at = ? WHERE phone = ?", arguments: arguments + [atMs, phone])
    }
}
