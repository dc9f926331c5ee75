public import Foundation
import GRDB
public import LoaCore

/// Which Loa message and attempt each SMSC part id belongs to, the parts' reports, and the
/// messages they settled, kept in a SQLite file of the provider's own (beside Loa's database,
/// like the sandbox's queue) so that receipts arriving after a restart still match.
///
/// Reports are recorded before the SMSC is acknowledged; a report whose part is not known yet
/// (it came before the submit_sm_resp) is kept and applied when the part is recorded. A settled
/// message stays in ``pendingHandovers()`` until ``markHandedOver(_:)``. Rows older than the
/// retention are pruned. Holds no phone number and no text.
///
/// ```swift
/// let ledger = try SMPPPartLedger(path: "loa.sqlite-smpp-parts.sqlite")
/// try await ledger.recordPart(smscID: "1A2B", messageID: "m1", attempt: 1, part: 1, count: 3, at: now)
/// let settled = try await ledger.recordReport(report, at: now)
/// ```
public final class SMPPPartLedger: Sendable {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the ledger at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS parts (
                    smsc_id TEXT NOT NULL PRIMARY KEY,
                    answered_id TEXT NOT NULL,
                    hex_value TEXT,
                    decimal_value TEXT,
                    message_id TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    part INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    status TEXT,
                    detail TEXT,
                    recorded_at INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS parts_hex ON parts(hex_value);
                CREATE INDEX IF NOT EXISTS parts_decimal ON parts(decimal_value);
                CREATE INDEX IF NOT EXISTS parts_message ON parts(message_id, attempt);
                CREATE TABLE IF NOT EXISTS early_reports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    raw TEXT NOT NULL,
                    hex_value TEXT,
                    decimal_value TEXT,
                    status TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    received_at INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS early_raw ON early_reports(raw);
                CREATE INDEX IF NOT EXISTS early_hex ON early_reports(hex_value);
                CREATE INDEX IF NOT EXISTS early_decimal ON early_reports(decimal_value);
                CREATE TABLE IF NOT EXISTS settled (
                    message_id TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    final INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    first_part_id TEXT,
                    decided_at INTEGER NOT NULL,
                    handed_over INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (message_id, attempt, final)
                );
                """)
        }
    }

    /// Records that the SMSC answered part `part` of `count` of a message's attempt with
    /// `smscID`, applies any report that came for it before, and returns the message if that
    /// settled it.
    public func recordPart(
        smscID: String, messageID: String, attempt: Int, part: Int, count: Int, at now: Date
    ) async throws -> SMPPSettledMessage? {
        let forms = SMPPMessageIDForms(smscID)
        return try await database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO parts (smsc_id, answered_id, hex_value, decimal_value, message_id, attempt, part, count, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [forms.raw, smscID, forms.hexValue, forms.decimalValue, messageID, attempt, part, count, now.epochMilliseconds])
            // A report is about this part when its id is written the same way, or the other way round.
            let early = try Row.fetchAll(db, sql: """
                SELECT id, status, detail FROM early_reports
                WHERE raw = ? OR (? IS NOT NULL AND decimal_value = ?) OR (? IS NOT NULL AND hex_value = ?)
                ORDER BY id
                """, arguments: [forms.raw, forms.hexValue, forms.hexValue, forms.decimalValue, forms.decimalValue])
            var settled: SMPPSettledMessage?
            for row in early {
                guard let status = ReceiptStatus(rawValue: row["status"]) else { continue }
                settled = try Self.apply(status: status, detail: row["detail"], toPart: forms.raw, at: now, db) ?? settled
                try db.execute(sql: "DELETE FROM early_reports WHERE id = ?", arguments: [row["id"] as Int64])
            }
            return settled
        }
    }

    /// What recording a report did.
    public enum ReportOutcome: Sendable, Equatable {
        /// The report settled its message: hand this to the sink.
        case settled(SMPPSettledMessage)
        /// The part is known; its message waits for other parts (or was settled before).
        case recorded
        /// No part has this id yet: kept until its submit_sm_resp is recorded.
        case kept
    }

    /// Records `report`; see ``ReportOutcome``.
    public func recordReport(_ report: SMPPDeliveryReport, at now: Date) async throws -> ReportOutcome {
        let forms = SMPPMessageIDForms(report.messageID)
        return try await database.write { db in
            let part = try String.fetchOne(db, sql: "SELECT smsc_id FROM parts WHERE smsc_id = ?", arguments: [forms.raw])
                ?? (forms.decimalValue == nil ? nil : try String.fetchOne(db, sql: """
                    SELECT smsc_id FROM parts WHERE hex_value = ? ORDER BY recorded_at DESC LIMIT 1
                    """, arguments: [forms.decimalValue]))
                ?? (forms.hexValue == nil ? nil : try String.fetchOne(db, sql: """
                    SELECT smsc_id FROM parts WHERE decimal_value = ? ORDER BY recorded_at DESC LIMIT 1
                    """, arguments: [forms.hexValue]))
            guard let part else {
                try db.execute(sql: """
                    INSERT INTO early_reports (raw, hex_value, decimal_value, status, detail, received_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [forms.raw, forms.hexValue, forms.decimalValue, report.status.rawValue, report.detail, now.epochMilliseconds])
                return .kept
            }
            return try Self.apply(status: report.status, detail: report.detail, toPart: part, at: now, db).map { .settled($0) } ?? .recorded
        }
    }

    /// Sets a part's status (a final one is never replaced) and decides its message; returns the
    /// message when this newly settles it (a final status once; `accepted` or `unknown` once before).
    private static func apply(status: ReceiptStatus, detail: String, toPart smscID: String, at now: Date, _ db: Database) throws -> SMPPSettledMessage? {
        guard let row = try Row.fetchOne(db, sql: "SELECT message_id, attempt, status FROM parts WHERE smsc_id = ?", arguments: [smscID]) else {
            return nil
        }
        let current = (row["status"] as String?).flatMap(ReceiptStatus.init(rawValue:))
        if current.map(SMPPPartOutcome.isFinal) != true {
            try db.execute(sql: "UPDATE parts SET status = ?, detail = ? WHERE smsc_id = ?", arguments: [status.rawValue, detail, smscID])
        }
        let messageID: String = row["message_id"]
        let attempt: Int = row["attempt"]
        let parts = try Row.fetchAll(db, sql: """
            SELECT answered_id, part, count, status, detail FROM parts WHERE message_id = ? AND attempt = ? ORDER BY part
            """, arguments: [messageID, attempt])
        let count: Int = parts.first?["count"] ?? 1
        var statuses = [ReceiptStatus?](repeating: nil, count: max(1, min(count, 255)))
        var details: [String] = []
        var firstPartID: String?
        for part in parts {
            let number: Int = part["part"]
            if number == 1 { firstPartID = part["answered_id"] }
            guard number >= 1, number <= statuses.count else { continue }
            statuses[number - 1] = (part["status"] as String?).flatMap(ReceiptStatus.init(rawValue:))
            if let detail: String = part["detail"] { details.append(statuses.count > 1 ? "part \(number): \(detail)" : detail) }
        }
        guard let decided = SMPPPartOutcome.decide(statuses) else { return nil }
        let isFinal = SMPPPartOutcome.isFinal(decided)
        let alreadyFinal = try Bool.fetchOne(db, sql: "SELECT 1 FROM settled WHERE message_id = ? AND attempt = ? AND final = 1",
                                             arguments: [messageID, attempt]) ?? false
        guard !alreadyFinal else { return nil }
        try db.execute(sql: """
            INSERT OR IGNORE INTO settled (message_id, attempt, final, status, detail, first_part_id, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [messageID, attempt, isFinal, decided.rawValue, details.joined(separator: "; "), firstPartID, now.epochMilliseconds])
        guard db.changesCount > 0 else { return nil }
        return SMPPSettledMessage(messageID: messageID, attempt: attempt, status: decided, detail: details.joined(separator: "; "),
                                  firstPartID: firstPartID, decidedAt: now)
    }

    /// Settled messages the sink has not taken yet, oldest first.
    public func pendingHandovers(limit: Int = 500) async throws -> [SMPPSettledMessage] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT message_id, attempt, status, detail, first_part_id, decided_at FROM settled
                WHERE handed_over = 0 ORDER BY decided_at LIMIT ?
                """, arguments: [limit]).compactMap { row in
                guard let status = ReceiptStatus(rawValue: row["status"]) else { return nil }
                return SMPPSettledMessage(messageID: row["message_id"], attempt: row["attempt"], status: status, detail: row["detail"],
                                          firstPartID: row["first_part_id"], decidedAt: Date(epochMilliseconds: row["decided_at"]))
            }
        }
    }

    /// Notes that the sink took `message`'s receipt.
    public func markHandedOver(_ message: SMPPSettledMessage) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE settled SET handed_over = 1 WHERE message_id = ? AND attempt = ? AND status = ?",
                           arguments: [message.messageID, message.attempt, message.status.rawValue])
        }
    }

    /// Forgets parts, early reports and handed-over messages recorded before `cutoff`.
    public func prune(before cutoff: Date) async throws {
        let limit = cutoff.epochMilliseconds
        try await database.write { db in
            try db.execute(sql: "DELETE FROM parts WHERE recorded_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM early_reports WHERE received_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM settled WHERE handed_over = 1 AND decided_at < ?", arguments: [limit])
        }
    }
}
