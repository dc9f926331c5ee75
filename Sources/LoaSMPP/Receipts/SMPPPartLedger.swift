public import Foundation
import GRDB
import LoaCore

/// Which Loa message and attempt each SMSC part id belongs to, the parts' reports, and the
/// messages they settled, kept in a SQLite file of the provider's own (beside Loa's database,
/// like the sandbox's queue) so that receipts arriving after a restart still match.
///
/// Writes from concurrent callers share a transaction (group commit, ``SMPPLedgerCommits``); each
/// call returns only once its transaction is synced to disk (WAL, `synchronous = FULL`, as Loa's
/// own database), so what it returned survives a crash of Loa or of the machine.
///
/// Reports are recorded before the SMSC is acknowledged; a report whose part is not known yet
/// (it came before the submit_sm_resp) is kept and applied when the part is recorded. A settled
/// message stays in ``pendingHandovers()`` until ``markHandedOver(_:)``. Inbound messages are
/// remembered by fingerprint only, to recognise the SMSC sending one again. Rows older than the
/// retention are pruned. Holds no phone number and no text.
///
/// ```swift
/// let ledger = try SMPPPartLedger(path: "loa.sqlite-smpp-parts.sqlite")
/// let parts = [SMPPAnsweredPart(smscID: "1A2B", messageID: "m1", attempt: 1, part: 1, count: 3)]
/// try await ledger.recordParts(parts, at: now)
/// let settled = try await ledger.recordReport(report, at: now)
/// ```
public final class SMPPPartLedger: Sendable {
    private let database: DatabaseQueue
    /// Every write goes through here: concurrent writes share a transaction.
    private let commits: SMPPLedgerCommits

    /// Opens (creating if needed) the ledger at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
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
                DROP INDEX IF EXISTS parts_message;
                CREATE INDEX IF NOT EXISTS parts_message_part ON parts(message_id, attempt, part);
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
                CREATE INDEX IF NOT EXISTS settled_pending ON settled(decided_at) WHERE handed_over = 0;
                CREATE TABLE IF NOT EXISTS inbound_seen (
                    fingerprint TEXT NOT NULL PRIMARY KEY,
                    first_seen INTEGER NOT NULL
                );
                """)
        }
        commits = SMPPLedgerCommits(database: database)
    }

    /// Records that the SMSC answered part `part` of `count` of a message's attempt with
    /// `smscID`, applies any report that came for it before, and returns the message if that
    /// settled it.
    public func recordPart(
        smscID: String, messageID: String, attempt: Int, part: Int, count: Int, at now: Date
    ) async throws -> SMPPSettledMessage? {
        try await recordParts([SMPPAnsweredPart(smscID: smscID, messageID: messageID, attempt: attempt, part: part, count: count)], at: now).first
    }

    /// Records the parts the SMSC answered (in a transaction shared with other writes), applies
    /// reports that came for them before, and returns the messages that settled.
    public func recordParts(_ parts: [SMPPAnsweredPart], at now: Date) async throws -> [SMPPSettledMessage] {
        guard !parts.isEmpty else { return [] }
        return try await commits.write { db in
            try parts.compactMap { try Self.record($0, at: now, db) }
        }
    }

    private static func record(_ part: SMPPAnsweredPart, at now: Date, _ db: Database) throws -> SMPPSettledMessage? {
        let forms = SMPPMessageIDForms(part.smscID)
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO parts (smsc_id, answered_id, hex_value, decimal_value, message_id, attempt, part, count, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [forms.raw, part.smscID, forms.hexValue, forms.decimalValue, part.messageID, part.attempt,
                                     part.part, part.count, now.epochMilliseconds])
        // A report is about this part when its id is written the same way, or the other way round.
        // Put in order here: an ORDER BY would sort in a temporary b-tree for every part, mostly
        // to find nothing.
        let early = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, status, detail FROM early_reports
            WHERE raw = ? OR (? IS NOT NULL AND decimal_value = ?) OR (? IS NOT NULL AND hex_value = ?)
            """), arguments: [forms.raw, forms.hexValue, forms.hexValue, forms.decimalValue, forms.decimalValue])
            .sorted { ($0["id"] as Int64) < ($1["id"] as Int64) }
        var settled: SMPPSettledMessage?
        for row in early {
            guard let status = ReceiptStatus(rawValue: row["status"]) else { continue }
            settled = try apply(status: status, detail: row["detail"], toPart: forms.raw, at: now, db) ?? settled
            try db.cachedStatement(sql: "DELETE FROM early_reports WHERE id = ?").execute(arguments: [row["id"] as Int64])
        }
        return settled
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
        try await recordReports([report], at: now)[0]
    }

    /// Records `reports` in order, in a transaction shared with other writes; one outcome each.
    public func recordReports(_ reports: [SMPPDeliveryReport], at now: Date) async throws -> [ReportOutcome] {
        guard !reports.isEmpty else { return [] }
        return try await commits.write { db in
            try reports.map { try Self.record($0, at: now, db) }
        }
    }

    private static func record(_ report: SMPPDeliveryReport, at now: Date, _ db: Database) throws -> ReportOutcome {
        let forms = SMPPMessageIDForms(report.messageID)
        let part = try String.fetchOne(db.cachedStatement(sql: "SELECT smsc_id FROM parts WHERE smsc_id = ?"), arguments: [forms.raw])
            ?? (forms.decimalValue == nil ? nil : try String.fetchOne(db.cachedStatement(sql: """
                SELECT smsc_id FROM parts WHERE hex_value = ? ORDER BY recorded_at DESC LIMIT 1
                """), arguments: [forms.decimalValue]))
            ?? (forms.hexValue == nil ? nil : try String.fetchOne(db.cachedStatement(sql: """
                SELECT smsc_id FROM parts WHERE decimal_value = ? ORDER BY recorded_at DESC LIMIT 1
                """), arguments: [forms.hexValue]))
        guard let part else {
            try db.cachedStatement(sql: """
                INSERT INTO early_reports (raw, hex_value, decimal_value, status, detail, received_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [forms.raw, forms.hexValue, forms.decimalValue, report.status.rawValue, report.detail,
                                         now.epochMilliseconds])
            return .kept
        }
        return try apply(status: report.status, detail: report.detail, toPart: part, at: now, db).map { .settled($0) } ?? .recorded
    }

    /// Sets a part's status (a final one is never replaced) and decides its message; returns the
    /// message when this newly settles it (a final status once; `accepted` or `unknown` once before).
    private static func apply(status: ReceiptStatus, detail: String, toPart smscID: String, at now: Date, _ db: Database) throws -> SMPPSettledMessage? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT message_id, attempt, status FROM parts WHERE smsc_id = ?"),
                                         arguments: [smscID]) else {
            return nil
        }
        let current = (row["status"] as String?).flatMap(ReceiptStatus.init(rawValue:))
        if current.map(SMPPPartOutcome.isFinal) != true {
            try db.cachedStatement(sql: "UPDATE parts SET status = ?, detail = ? WHERE smsc_id = ?").execute(arguments: [status.rawValue, detail, smscID])
        }
        let messageID: String = row["message_id"]
        let attempt: Int = row["attempt"]
        // In part order from the parts_message_part index (no sort).
        let parts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT answered_id, part, count, status, detail FROM parts WHERE message_id = ? AND attempt = ? ORDER BY part
            """), arguments: [messageID, attempt])
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
        let alreadyFinal = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM settled WHERE message_id = ? AND attempt = ? AND final = 1"),
                                             arguments: [messageID, attempt]) ?? false
        guard !alreadyFinal else { return nil }
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO settled (message_id, attempt, final, status, detail, first_part_id, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [messageID, attempt, isFinal, decided.rawValue, details.joined(separator: "; "), firstPartID,
                                     now.epochMilliseconds])
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
        try await markHandedOver([message])
    }

    /// Notes that the sink took these messages' receipts (in a transaction shared with other writes).
    public func markHandedOver(_ messages: [SMPPSettledMessage]) async throws {
        guard !messages.isEmpty else { return }
        try await commits.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE settled SET handed_over = 1 WHERE message_id = ? AND attempt = ? AND status = ?")
            for message in messages {
                try statement.execute(arguments: [message.messageID, message.attempt, message.status.rawValue])
            }
        }
    }

    /// The ids inbound messages are handed over with, one for each fingerprint (see
    /// ``SMPPInboundFingerprint``), in order: a fingerprint seen less than `repeatWindow`
    /// seconds before gets the id it got then (the SMSC sent the message again, and the sink
    /// stores it once); any other gets a new one.
    func inboundIDs(_ fingerprints: [String], at now: Date, repeatWindow: TimeInterval) async throws -> [String] {
        guard !fingerprints.isEmpty else { return [] }
        let at = now.epochMilliseconds
        let window = Int64(repeatWindow * 1000)
        return try await commits.write { db in
            try fingerprints.map { fingerprint in
                if let first = try Int64.fetchOne(db.cachedStatement(sql: "SELECT first_seen FROM inbound_seen WHERE fingerprint = ?"),
                                                  arguments: [fingerprint]), at - first < window {
                    return "\(fingerprint)-\(first)"
                }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO inbound_seen (fingerprint, first_seen) VALUES (?, ?)")
                    .execute(arguments: [fingerprint, at])
                return "\(fingerprint)-\(at)"
            }
        }
    }

    /// Forgets parts, early reports, handed-over messages and inbound fingerprints recorded before `cutoff`.
    public func prune(before cutoff: Date) async throws {
        let limit = cutoff.epochMilliseconds
        try await database.write { db in
            try db.execute(sql: "DELETE FROM parts WHERE recorded_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM early_reports WHERE received_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM settled WHERE handed_over = 1 AND decided_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM inbound_seen WHERE first_seen < ?", arguments: [limit])
        }
    }
}
