import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    /// Writes a batch of submit answers in one transaction with a few set-based statements
    /// instead of two or three per answer: each `UPDATE messages` fires the statistics rollup's
    /// trigger once, and one statement over a hundred messages touches its cells once, not a
    /// hundred times. The effect is the one-at-a-time writing of the embedded driver: answers
    /// for the same message (rare) go in successive rounds, in their order.
    static func recordOutcomes(_ outcomes: [AttemptOutcome], _ connection: PostgresSession, _ logger: Logger) async throws {
        for round in rounds(of: outcomes, by: \.messageId) {
            var writes: [OutcomeWrite] = []
            for outcome in round {
                if let write = OutcomeWrite(outcome) {
                    writes.append(write)
                } else if case .deferred(let until, let reason) = outcome.result {
                    try await deferClaim(outcome, until: until.epochMilliseconds, reason: reason,
                                         at: outcome.finishedAt.epochMilliseconds, connection, logger)
                }
            }
            try await record(writes, connection, logger)
        }
    }

    /// `items` split into rounds in which each key appears at most once, each keeping the
    /// order of `items`; the n-th item of a key goes into the n-th round.
    static func rounds<Item>(of items: [Item], by key: (Item) -> String) -> [[Item]] {
        var rounds: [[Item]] = []
        var seen: [String: Int] = [:]
        for item in items {
            let index = seen[key(item), default: 0]
            seen[key(item)] = index + 1
            if index == rounds.count { rounds.append([]) }
            rounds[index].append(item)
        }
        return rounds
    }

    /// Closes each open attempt named and moves its message (if the attempt is still its
    /// current one); a stale answer (another claim since) changes nothing. Receipts that came
    /// before a submit answer named the message are then applied.
    private static func record(_ writes: [OutcomeWrite], _ connection: PostgresSession, _ logger: Logger) async throws {
        guard !writes.isEmpty else { return }
        var messageIds: [String] = [], attempts: [Int64] = [], outcomes: [String] = [], finishedAt: [Int64] = []
        var providers: [String] = [], states: [String] = []
        var providerMessageIds = NullableColumn<String>(), errors = NullableColumn<String>()
        var notBefore = NullableColumn<Int64>(), waitingFor = NullableColumn<String>()
        // In message order, so that concurrent batches lock rows in the same order.
        for write in writes.sorted(by: { $0.outcome.messageId < $1.outcome.messageId }) {
            messageIds.append(write.outcome.messageId)
            attempts.append(Int64(write.outcome.attempt))
            outcomes.append(write.attemptOutcome.rawValue)
            finishedAt.append(write.outcome.finishedAt.epochMilliseconds)
            providers.append(write.outcome.provider)
            states.append(write.newState.rawValue)
            providerMessageIds.append(write.providerMessageId)
            errors.append(write.error)
            notBefore.append(write.notBefore)
            waitingFor.append(write.waitReason?.rawValue)
        }
        try await lockProviderIds(
            writes.compactMap { write in write.providerMessageId.map { (write.outcome.provider, $0) } }, connection, logger)
        var bindings = PostgresBindings()
        bindings.append(messageIds)
        bindings.append(attempts)
        bindings.append(outcomes)
        bindings.append(finishedAt)
        bindings.append(providers)
        bindings.append(states)
        bindings.append(providerMessageIds)
        bindings.append(errors)
        bindings.append(notBefore)
        bindings.append(waitingFor)
        let withReceipts = try await connection.rows(PostgresQuery(unsafeSQL: """
            WITH o AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
                                     $7::text[], $8::bool[], $9::text[], $10::bool[], $11::bigint[], $12::bool[], $13::text[], $14::bool[])
                    WITH ORDINALITY AS o(message_id, attempt, outcome, finished_at, provider, state, provider_message_id, has_provider_message_id,
                                         error, has_error, not_before, has_not_before, waiting_for, has_waiting_for, position)
            ),
            closed AS (
                UPDATE attempts a
                SET outcome = o.outcome, finished_at = o.finished_at, provider = o.provider,
                    provider_message_id = CASE WHEN o.has_provider_message_id THEN o.provider_message_id END,
                    error = CASE WHEN o.has_error THEN o.error END
                FROM o WHERE a.message_id = o.message_id AND a.number = o.attempt AND a.outcome = 'open'
                RETURNING o.*
            ),
            moved AS (
                UPDATE messages m
                SET state = CASE WHEN m.state = 'sending' THEN c.state ELSE m.state END, provider = c.provider,
                    provider_message_id = CASE WHEN c.has_provider_message_id THEN c.provider_message_id ELSE m.provider_message_id END,
                    last_error = CASE WHEN c.has_error THEN c.error ELSE m.last_error END,
                    not_before = CASE WHEN c.has_not_before THEN c.not_before ELSE m.not_before END,
                    waiting_for = CASE WHEN c.has_waiting_for THEN c.waiting_for ELSE m.waiting_for END,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = c.finished_at
                FROM closed c WHERE m.id = c.message_id AND m.attempts = c.attempt
            )
            SELECT c.message_id, c.attempt, c.provider, c.provider_message_id FROM closed c
            WHERE c.has_provider_message_id AND EXISTS (
                SELECT 1 FROM receipts r
                WHERE r.applied_to IS NULL AND r.refusal IS NULL AND r.provider = c.provider AND r.provider_message_id = c.provider_message_id)
            ORDER BY c.position
            """, binds: bindings), logger: logger)
        for row in withReceipts {
            try await applyWaitingReceipts(messageId: try row[0].decode(String.self), attempt: try row[1].decode(Int.self),
                                           provider: try row[2].decode(String.self), providerMessageId: try row[3].decode(String.self),
                                           connection, logger)
        }
    }
}
