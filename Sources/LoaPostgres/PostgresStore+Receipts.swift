public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func record(_ receipts: [DeliveryReceipt]) async throws -> [ReceiptOutcome] {
        guard !receipts.isEmpty else { return [] }
        let logger = logger
        return try await write { connection in
            // Reports found by the provider's id only (the sandbox's) are matched one at a time: an
            // earlier one of the batch may have given its message the provider it is found by.
            if receipts.allSatisfy({ $0.messageId != nil }) {
                return try await PostgresStore.recordNamedReceipts(receipts, connection, logger)
            }
            try await PostgresStore.lockProviderIds(
                receipts.compactMap { receipt in
                    receipt.messageId == nil ? receipt.providerMessageId.map { (receipt.provider, $0) } : nil
                }, connection, logger)
            var outcomes: [ReceiptOutcome] = []
            outcomes.reserveCapacity(receipts.count)
            for receipt in receipts {
                outcomes.append(try await PostgresStore.record(receipt, connection, logger))
            }
            return outcomes
        }
    }

    private static func record(_ receipt: DeliveryReceipt, _ connection: PostgresSession, _ logger: Logger) async throws -> ReceiptOutcome {
        // The message's row stays locked until commit: its receipts and outcomes apply one at a time.
        let match: PostgresRandomAccessRow? = if let id = receipt.messageId {
            try await connection.rows("SELECT id, attempts FROM messages WHERE id = \(id) FOR UPDATE", logger: logger).first
        } else if let providerId = receipt.providerMessageId {
            try await connection.rows("""
                SELECT id, attempts FROM messages WHERE provider = \(receipt.provider) AND provider_message_id = \(providerId)
                LIMIT 1 FOR UPDATE
                """, logger: logger).first
        } else {
            nil
        }
        let detail = ProviderAnswer.sanitized(receipt.detail)
        guard let match else {
            try await keep(receipt, detail: detail, messageId: receipt.messageId, attempt: receipt.attempt, applied: false, refusal: nil, connection, logger)
            return .unmatched
        }
        let messageId = try match[0].decode(String.self)
        let current = try match[1].decode(Int.self)
        let attempt = receipt.attempt ?? current
        guard attempt == current else {
            try await keep(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: false, refusal: staleAttempt, connection, logger)
            return .staleAttempt(messageId: messageId, attempt: attempt, currentAttempt: current)
        }
        guard try await keep(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: true, refusal: nil, connection, logger) else {
            return .duplicate(messageId: messageId)
        }
        try await apply(receipt.status, detail: detail, to: messageId, provider: receipt.provider,
                        at: receipt.receivedAt.epochMilliseconds, connection, logger)
        return .applied(messageId: messageId)
    }

    /// The `refusal` of a report about an attempt that is not the message's current one.
    static let staleAttempt = "stale_attempt"

    /// Stores a report unless its attempt already has one of its kind (one final, one
    /// non-final); returns whether it was stored.
    @discardableResult
    private static func keep(
        _ receipt: DeliveryReceipt, detail: String, messageId: String?, attempt: Int?, applied: Bool, refusal: String?,
        _ connection: PostgresSession, _ logger: Logger
    ) async throws -> Bool {
        try await connection.changed("""
            INSERT INTO receipts (provider, message_id, attempt, provider_message_id, status, detail, received_at, applied_to, refusal)
            VALUES (\(receipt.provider), \(messageId), \(attempt), \(receipt.providerMessageId), \(receipt.status.rawValue),
                \(detail), \(receipt.receivedAt.epochMilliseconds), \(applied ? messageId : nil), \(refusal))
            ON CONFLICT DO NOTHING
            RETURNING 1
            """, logger: logger) > 0
    }

    /// Applies the receipts that arrived before the submit answer of `attempt` named their
    /// message by `providerMessageId`; one that names another attempt is kept as refused, and a
    /// repeat of a report the attempt already has is dropped.
    static func applyWaitingReceipts(
        messageId: String, attempt: Int, provider: String, providerMessageId: String, _ connection: PostgresSession, _ logger: Logger
    ) async throws {
        let waiting = try await connection.rows("""
            SELECT id, attempt, status, detail, received_at FROM receipts
            WHERE applied_to IS NULL AND refusal IS NULL AND provider = \(provider) AND provider_message_id = \(providerMessageId)
            ORDER BY id
            """, logger: logger)
        for row in waiting {
            let id = try row[0].decode(Int64.self)
            let named = try row[1].decode(Int?.self)
            let statusText = try row[2].decode(String.self)
            let isCurrent = named.map { $0 == attempt } ?? true
            let kept = named ?? attempt
            // SQLite's UPDATE OR IGNORE: a report the attempt already has of this kind is dropped.
            let repeated = try await connection.value("""
                SELECT 1 FROM receipts
                WHERE message_id = \(messageId) AND attempt = \(kept) AND (status = 'accepted') = \(statusText == "accepted") AND id <> \(id)
                """, as: Int.self, logger: logger) != nil
            if repeated {
                try await connection.query("DELETE FROM receipts WHERE id = \(id)", logger: logger)
                continue
            }
            try await connection.query("""
                UPDATE receipts
                SET message_id = \(messageId), attempt = \(kept), applied_to = \(isCurrent ? messageId : nil),
                    refusal = \(isCurrent ? nil : staleAttempt)
                WHERE id = \(id)
                """, logger: logger)
            guard isCurrent, let status = ReceiptStatus(rawValue: statusText) else { continue }
            try await apply(status, detail: try row[3].decode(String.self), to: messageId, provider: provider,
                            at: try row[4].decode(Int64.self), connection, logger)
        }
    }

    /// Moves the message forward if the receipt allows it; never backwards.
    private static func apply(
        _ status: ReceiptStatus, detail: String, to messageId: String, provider: String, at receivedMs: Int64,
        _ connection: PostgresSession, _ logger: Logger
    ) async throws {
        guard let target = status.resultingState else { return }
        let movable = MessageState.allCases.filter { $0.canMove(to: target) }.map(\.rawValue)
        try await connection.query("""
            UPDATE messages
            SET state = \(target.rawValue), provider = COALESCE(provider, \(provider)), updated_at = \(receivedMs),
                last_error = COALESCE(\(target == .undelivered ? detail : nil), last_error)
            WHERE id = \(messageId) AND state = ANY(\(movable))
            """, logger: logger)
    }

    public func endUnreported(now: Date, reportTimeouts: ReportTimeouts) async throws -> Int {
        // Per provider, the latest send time already past its timeout; the index of sent
        // messages is read up to the latest of them all.
        var bindings = PostgresBindings()
        bindings.append(now.epochMilliseconds)
        var latest = now.addingTimeInterval(-reportTimeouts.otherwise)
        var cutoff = reportTimeouts.byProvider.isEmpty ? "" : "CASE provider"
        for provider in reportTimeouts.byProvider.keys.sorted() {
            let sentBefore = reportTimeouts.sentBefore(now, provider: provider)
            bindings.append(provider)
            bindings.append(sentBefore.epochMilliseconds)
            cutoff += " WHEN $\(bindings.count - 1) THEN $\(bindings.count)"
            latest = max(latest, sentBefore)
        }
        bindings.append(now.addingTimeInterval(-reportTimeouts.otherwise).epochMilliseconds)
        cutoff += reportTimeouts.byProvider.isEmpty ? "$\(bindings.count)::bigint" : " ELSE $\(bindings.count) END"
        bindings.append(latest.epochMilliseconds)
        let latestIndex = bindings.count
        bindings.append(PostgresStore.unreportedBatch)
        let sql = """
            UPDATE messages
            SET state = 'unreported', updated_at = $1,
                last_error = 'sent, but no final delivery report came within providers.' || COALESCE(provider, '?') || '.reportTimeout; the resident may or may not have the message'
            WHERE id IN (
                SELECT id FROM messages WHERE state = 'sent' AND updated_at <= $\(latestIndex) AND updated_at <= \(cutoff)
                LIMIT $\(bindings.count) FOR UPDATE SKIP LOCKED)
            RETURNING 1
            """
        let logger = logger
        // In batches, so that a long backlog does not hold locks for long.
        var ended = 0
        while true {
            let batch = try await write { connection in
                try await connection.changed(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            }
            ended += batch
            if batch < PostgresStore.unreportedBatch { return ended }
        }
    }

    /// Messages ended `unreported` per transaction.
    static let unreportedBatch = 1000

    public func receipts(messageId: String) async throws -> [StoredReceipt] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT provider, attempt, status, detail, received_at, applied_to, refusal
                FROM receipts WHERE message_id = \(messageId) OR applied_to = \(messageId) ORDER BY id
                """, logger: logger).compactMap { row in
                guard let status = ReceiptStatus(rawValue: try row[2].decode(String.self)) else { return nil }
                return StoredReceipt(
                    provider: try row[0].decode(String.self), attempt: try row[1].decode(Int?.self), status: status,
                    detail: try row[3].decode(String.self), receivedAt: Date(epochMilliseconds: try row[4].decode(Int64.self)),
                    applied: try row[5].decode(String?.self) != nil, refusal: try row[6].decode(String?.self))
            }
        }
    }
}
