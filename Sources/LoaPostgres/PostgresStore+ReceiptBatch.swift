import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    /// Records a batch of delivery reports that each name their message (Loa's signed receipt
    /// URL carries its id) with three or four statements instead of three per report: the
    /// messages are locked at once, every report is stored by one `INSERT`, and the messages
    /// move forward in one `UPDATE` (one firing of the statistics rollup's trigger), or one
    /// per report of the same message in their order. Outcomes are the one-at-a-time ones
    /// (``record(_:_:_:)``): a report of a kind its attempt already has, earlier in the batch
    /// or stored before, is a duplicate; one about an earlier attempt is kept as stale.
    static func recordNamedReceipts(
        _ receipts: [DeliveryReceipt], _ connection: PostgresSession, _ logger: Logger
    ) async throws -> [ReceiptOutcome] {
        // The messages' rows stay locked until commit (in id order, as concurrent batches take them).
        let ids = Array(Set(receipts.compactMap(\.messageId))).sorted()
        var currentAttempts: [String: Int] = [:]
        for row in try await connection.rows(
            "SELECT id, attempts FROM messages WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE", logger: logger) {
            currentAttempts[try row[0].decode(String.self)] = try row[1].decode(Int.self)
        }
        var plans: [ReceiptPlan] = []
        var rows = ReceiptRows()
        var candidates = Set<ReceiptPlan.Key>()
        for receipt in receipts {
            let detail = ProviderAnswer.sanitized(receipt.detail)
            guard let messageId = receipt.messageId, let current = currentAttempts[messageId] else {
                rows.append(receipt, detail: detail, messageId: receipt.messageId, attempt: receipt.attempt, applied: false, refusal: nil)
                plans.append(.unmatched)
                continue
            }
            let attempt = receipt.attempt ?? current
            guard attempt == current else {
                rows.append(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: false, refusal: staleAttempt)
                plans.append(.stale(messageId: messageId, attempt: attempt, current: current))
                continue
            }
            let key = ReceiptPlan.Key(messageId: messageId, attempt: attempt, accepted: receipt.status == .accepted)
            // A second report of the same kind in the batch finds the first one stored.
            guard candidates.insert(key).inserted else {
                plans.append(.duplicate(messageId: messageId))
                continue
            }
            rows.append(receipt, detail: detail, messageId: messageId, attempt: attempt, applied: true, refusal: nil)
            plans.append(.candidate(key, receipt, detail: detail))
        }
        let stored = try await rows.insert(connection, logger)
        var outcomes: [ReceiptOutcome] = []
        var moves: [ReceiptMove] = []
        for plan in plans {
            switch plan {
            case .unmatched: outcomes.append(.unmatched)
            case .stale(let messageId, let attempt, let current):
                outcomes.append(.staleAttempt(messageId: messageId, attempt: attempt, currentAttempt: current))
            case .duplicate(let messageId): outcomes.append(.duplicate(messageId: messageId))
            case .candidate(let key, let receipt, let detail):
                guard stored.contains(key) else {
                    outcomes.append(.duplicate(messageId: key.messageId))
                    continue
                }
                outcomes.append(.applied(messageId: key.messageId))
                if let target = receipt.status.resultingState {
                    moves.append(ReceiptMove(messageId: key.messageId, target: target, provider: receipt.provider,
                                             receivedMs: receipt.receivedAt.epochMilliseconds, detail: detail))
                }
            }
        }
        for round in rounds(of: moves, by: \.messageId) {
            try await ReceiptMove.apply(round, connection, logger)
        }
        return outcomes
    }
}

/// What becomes of one report of a batch, before the batch's `INSERT` says which were stored.
private enum ReceiptPlan {
    /// A report's place in the unique index `receipts_one_per_attempt`.
    struct Key: Hashable {
        let messageId: String
        let attempt: Int
        let accepted: Bool
    }

    case unmatched
    case stale(messageId: String, attempt: Int, current: Int)
    case duplicate(messageId: String)
    /// About the current attempt: applied if stored, a duplicate if the attempt had one.
    case candidate(Key, DeliveryReceipt, detail: String)
}

/// The `receipts` rows of a batch, bound as arrays and stored by one `INSERT`.
private struct ReceiptRows {
    var providers: [String] = [], statuses: [String] = [], details: [String] = [], receivedAt: [Int64] = []
    var messageIds = NullableColumn<String>(), attempts = NullableColumn<Int64>(), providerMessageIds = NullableColumn<String>()
    var appliedTo = NullableColumn<String>(), refusals = NullableColumn<String>()

    mutating func append(
        _ receipt: DeliveryReceipt, detail: String, messageId: String?, attempt: Int?, applied: Bool, refusal: String?
    ) {
        providers.append(receipt.provider)
        statuses.append(receipt.status.rawValue)
        details.append(detail)
        receivedAt.append(receipt.receivedAt.epochMilliseconds)
        messageIds.append(messageId)
        attempts.append(attempt.map(Int64.init))
        providerMessageIds.append(receipt.providerMessageId)
        appliedTo.append(applied ? messageId : nil)
        refusals.append(refusal)
    }

    /// Stores the rows in their order (a repeat of a kind an attempt already has is dropped,
    /// as by `ON CONFLICT DO NOTHING` one at a time); returns the applied ones stored.
    func insert(_ connection: PostgresSession, _ logger: Logger) async throws -> Set<ReceiptPlan.Key> {
        guard !providers.isEmpty else { return [] }
        var bindings = PostgresBindings()
        bindings.append(providers)
        bindings.append(statuses)
        bindings.append(details)
        bindings.append(receivedAt)
        bindings.append(messageIds)
        bindings.append(attempts)
        bindings.append(providerMessageIds)
        bindings.append(appliedTo)
        bindings.append(refusals)
        let rows = try await connection.rows(PostgresQuery(unsafeSQL: """
            INSERT INTO receipts (provider, message_id, attempt, provider_message_id, status, detail, received_at, applied_to, refusal)
            SELECT r.provider, CASE WHEN r.has_message_id THEN r.message_id END, CASE WHEN r.has_attempt THEN r.attempt END,
                   CASE WHEN r.has_provider_message_id THEN r.provider_message_id END, r.status, r.detail, r.received_at,
                   CASE WHEN r.has_applied_to THEN r.applied_to END, CASE WHEN r.has_refusal THEN r.refusal END
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bool[], $7::bigint[], $8::bool[],
                        $9::text[], $10::bool[], $11::text[], $12::bool[], $13::text[], $14::bool[]) WITH ORDINALITY
                AS r(provider, status, detail, received_at, message_id, has_message_id, attempt, has_attempt,
                     provider_message_id, has_provider_message_id, applied_to, has_applied_to, refusal, has_refusal, position)
            ORDER BY r.position
            ON CONFLICT DO NOTHING
            RETURNING applied_to, attempt, status = 'accepted'
            """, binds: bindings), logger: logger)
        var stored = Set<ReceiptPlan.Key>()
        for row in rows {
            guard let messageId = try row[0].decode(String?.self), let attempt = try row[1].decode(Int?.self) else { continue }
            stored.insert(ReceiptPlan.Key(messageId: messageId, attempt: attempt, accepted: try row[2].decode(Bool.self)))
        }
        return stored
    }
}

/// A message moved forward by a report, if its state allows it (never backwards).
private struct ReceiptMove {
    let messageId: String
    let target: MessageState
    let provider: String
    let receivedMs: Int64
    let detail: String

    /// Moves messages that appear once each, in one statement.
    static func apply(_ moves: [ReceiptMove], _ connection: PostgresSession, _ logger: Logger) async throws {
        guard !moves.isEmpty else { return }
        var ids: [String] = [], targets: [String] = [], movable: [String] = [], providers: [String] = [], receivedAt: [Int64] = []
        var errors = NullableColumn<String>()
        for move in moves.sorted(by: { $0.messageId < $1.messageId }) {
            ids.append(move.messageId)
            targets.append(move.target.rawValue)
            movable.append(MessageState.allCases.filter { $0.canMove(to: move.target) }.map(\.rawValue).joined(separator: ","))
            providers.append(move.provider)
            receivedAt.append(move.receivedMs)
            errors.append(move.target == .undelivered ? move.detail : nil)
        }
        var bindings = PostgresBindings()
        bindings.append(ids)
        bindings.append(targets)
        bindings.append(movable)
        bindings.append(providers)
        bindings.append(receivedAt)
        bindings.append(errors)
        try await connection.query(PostgresQuery(unsafeSQL: """
            UPDATE messages m
            SET state = a.target, provider = COALESCE(m.provider, a.provider), updated_at = a.received_at,
                last_error = CASE WHEN a.has_error THEN a.error ELSE m.last_error END
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::bool[])
                AS a(id, target, movable, provider, received_at, error, has_error)
            WHERE m.id = a.id AND m.state = ANY(string_to_array(a.movable, ','))
            """, binds: bindings), logger: logger)
    }
}
