public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func record(_ receipts: [DeliveryReceipt]) async throws -> [ReceiptOutcome] {
        guard !receipts.isEmpty else { return [] }
        return try await write { db in
            try receipts.map { try SQLiteStore.record($0, db) }
        }
    }

    private static func record(_ receipt: DeliveryReceipt, _ db: Database) throws -> ReceiptOutcome {
        let match: Row? = if let id = receipt.messageId {
            try Row.fetchOne(db.cachedStatement(sql: "SELECT id, attempts FROM messages WHERE id = ?"), arguments: [id])
        } else if let providerId = receipt.providerMessageId {
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, attempts FROM messages WHERE provider = ? AND provider_message_id = ?
                """), arguments: [receipt.provider, providerId])
        } else {
            nil
        }
        let detail = ProviderAnswer.sanitized(receipt.detail)
        guard let match else {
            try keep(receipt, detail: detail, messageId: receipt.messageId, attempt: receipt.attempt, applied: false, refusal: nil, db)
            return .unmatched
        }
        let messageId: String = match[0]
        let current: Int = match[1]
        let attempt = receipt.attempt ?? current
        guard attempt == current else {
            try keep(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: false, refusal: staleAttempt, db)
            return .staleAttempt(messageId: messageId, attempt: attempt, currentAttempt: current)
        }
        guard try keep(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: true, refusal: nil, db) else {
            return .duplicate(messageId: messageId)
        }
        try apply(receipt.status, detail: detail, to: messageId, provider: receipt.provider, at: receipt.receivedAt.epochMilliseconds, db)
        return .applied(messageId: messageId)
    }

    /// The `refusal` of a report about an attempt that is not the message's current one.
    private static let staleAttempt = "stale_attempt"

    /// Stores a report unless its attempt already has one of its kind (one final, one
    /// non-final); returns whether it was stored.
    @discardableResult
    private static func keep(
        _ receipt: DeliveryReceipt, detail: String, messageId: String?, attempt: Int?, applied: Bool, refusal: String?, _ db: Database
    ) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO receipts
                (provider, message_id, attempt, provider_message_id, status, detail, received_at, applied_to, refusal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                receipt.provider, messageId, attempt, receipt.providerMessageId, receipt.status.rawValue,
                detail, receipt.receivedAt.epochMilliseconds, applied ? messageId : nil, refusal,
            ])
        return db.changesCount > 0
    }

    /// Applies the receipts that arrived before the submit answer of `attempt` named their
    /// message by `providerMessageId`; one that names another attempt is kept as refused, and a
    /// repeat of a report the attempt already has is dropped.
    static func applyWaitingReceipts(
        messageId: String, attempt: Int, provider: String, providerMessageId: String, _ db: Database
    ) throws {
        let waiting = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, attempt, status, detail, received_at FROM receipts
            WHERE applied_to IS NULL AND refusal IS NULL AND provider = ? AND provider_message_id = ?
            ORDER BY id
            """), arguments: [provider, providerMessageId])
        for row in waiting {
            let id: Int64 = row["id"]
            let named: Int? = row["attempt"]
            let isCurrent = named.map { $0 == attempt } ?? true
            try db.cachedStatement(sql: """
                UPDATE OR IGNORE receipts
                SET message_id = ?, attempt = ?, applied_to = CASE WHEN ? THEN ? END, refusal = CASE WHEN ? THEN NULL ELSE ? END
                WHERE id = ?
                """).execute(arguments: [messageId, named ?? attempt, isCurrent, messageId, isCurrent, staleAttempt, id])
            guard db.changesCount > 0 else {
                try db.cachedStatement(sql: "DELETE FROM receipts WHERE id = ?").execute(arguments: [id])
                continue
            }
            guard isCurrent, let status = ReceiptStatus(rawValue: row["status"]) else { continue }
            try apply(status, detail: row["detail"], to: messageId, provider: provider, at: row["received_at"], db)
        }
    }

    /// Moves the message forward if the receipt allows it; never backwards.
    private static func apply(
        _ status: ReceiptStatus, detail: String, to messageId: String, provider: String, at receivedMs: Int64, _ db: Database
    ) throws {
        guard let target = status.resultingState else { return }
        let movable = MessageState.allCases.filter { $0.canMove(to: target) }.map(\.rawValue)
        // OR, not IN: SQLite builds a temporary b-tree for an IN list of more than two values,
        // a page cache of its own in fresh memory for every report applied.
        let states = movable.map { _ in "state = ?" }.joined(separator: " OR ")
        var arguments: StatementArguments = [target.rawValue, provider, receivedMs]
        arguments += [target == .undelivered ? detail : nil]
        arguments += [messageId]
        arguments += StatementArguments(movable)
        try db.cachedStatement(sql: """
            UPDATE messages
            SET state = ?, provider = COALESCE(provider, ?), updated_at = ?, last_error = COALESCE(?, last_error)
            WHERE id = ? AND (\(states))
            """).execute(arguments: arguments)
    }

    public func endUnreported(now: Date, reportTimeouts: ReportTimeouts) async throws -> Int {
        // Per provider, the latest send time already past its timeout; the index of sent
        // messages is read up to the latest of them all.
        // (No provider of its own: one bound for all; `CASE provider ELSE … END` is not SQL.)
        var cutoff = reportTimeouts.byProvider.isEmpty ? "?" : "CASE provider"
        var cutoffArguments: StatementArguments = []
        var latest = now.addingTimeInterval(-reportTimeouts.otherwise)
        for provider in reportTimeouts.byProvider.keys.sorted() {
            let sentBefore = reportTimeouts.sentBefore(now, provider: provider)
            cutoff += " WHEN ? THEN ?"
            cutoffArguments += [provider, sentBefore.epochMilliseconds]
            latest = max(latest, sentBefore)
        }
        if !reportTimeouts.byProvider.isEmpty { cutoff += " ELSE ? END" }
        cutoffArguments += [now.addingTimeInterval(-reportTimeouts.otherwise).epochMilliseconds]
        let sql = """
            UPDATE messages
            SET state = 'unreported', updated_at = ?,
                last_error = 'sent, but no final delivery report came within providers.' || COALESCE(provider, '?') || '.reportTimeout; the resident may or may not have the message'
            WHERE id IN (
                SELECT id FROM messages WHERE state = 'sent' AND updated_at <= ? AND updated_at <= \(cutoff) LIMIT ?)
            """
        let arguments: StatementArguments = [now.epochMilliseconds, latest.epochMilliseconds] + cutoffArguments + [SQLiteStore.unreportedBatch]
        // In batches, so that a long backlog does not hold the writer for long.
        var ended = 0
        while true {
            let batch = try await write { db in
                try db.cachedStatement(sql: sql).execute(arguments: arguments)
                return db.changesCount
            }
            ended += batch
            if batch < SQLiteStore.unreportedBatch { return ended }
        }
    }

    /// Messages ended `unreported` per transaction.
    static let unreportedBatch = 1000

    public func receipts(messageId: String) async throws -> [StoredReceipt] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT provider, attempt, status, detail, received_at, applied_to, refusal
                FROM receipts WHERE message_id = ? OR applied_to = ? ORDER BY id
                """, arguments: [messageId, messageId]).compactMap { row in
                guard let status = ReceiptStatus(rawValue: row["status"]) else { return nil }
                return StoredReceipt(
                    provider: row["provider"], attempt: row["attempt"], status: status, detail: row["detail"],
                    receivedAt: Date(epochMilliseconds: row["received_at"]), applied: (row["applied_to"] as String?) != nil,
                    refusal: row["refusal"])
            }
        }
    }
}
