public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    /// A message about to be claimed: whether its last attempt is in doubt, and the Vietnam day
    /// it now counts against its recipient's daily cap, when it is counted by this claim.
    private struct Claim {
        let id: String
        var inDoubt = false
        var capDay: Int64?
    }

    /// Claims in one transaction. The candidates are locked as they are read (`FOR UPDATE SKIP
    /// LOCKED`): a message another node is claiming at the same moment is skipped, not waited
    /// for, so nodes never claim the same message and never queue behind each other. The
    /// decisions (in doubt, opted out, daily cap) are the SQLite driver's; every message
    /// claimed is then updated and given its open attempt in one statement.
    public func claimDue(
        now: Date, limit: Int, leaseOwner: String, leaseSeconds: Double, rules: ClaimRules
    ) async throws -> [ClaimedMessage] {
        let nowMs = now.epochMilliseconds
        let leaseUntil = now.addingTimeInterval(leaseSeconds).epochMilliseconds
        let logger = logger
        return try await write { connection in
            // A live worker never recovers its own leases: its claims may be waiting for the
            // provider's rate or in flight; only a dead worker's lapse.
            try await PostgresStore.settleLapsedLeases(now: nowMs, exceptOwner: leaseOwner, connection, logger)
            var claims = try await PostgresStore.lapsedClaims(now: nowMs, limit: limit, rules: rules, exceptOwner: leaseOwner, connection, logger)
            if claims.count < limit {
                claims += try await PostgresStore.dueClaims(now: now, limit: limit - claims.count, cap: rules.recipientDailyCap, connection, logger)
            }
            guard !claims.isEmpty else { return [] }
            let ids = claims.map(\.id)
            let capDays = claims.map { $0.capDay ?? -1 }
            let rows = try await connection.rows(PostgresQuery(unsafeSQL: """
                WITH chosen AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS c(id, cap_day)),
                claimed AS (
                    UPDATE messages m
                    SET state = 'sending', attempts = m.attempts + 1, lease_owner = $3, lease_expires_at = $4, updated_at = $5,
                        cap_day = COALESCE(NULLIF(chosen.cap_day, -1), m.cap_day)
                    FROM chosen WHERE m.id = chosen.id
                    RETURNING \(StoredMessage.postgresColumns(of: "m"))
                ),
                opened AS (
                    INSERT INTO attempts (message_id, number, started_at, outcome)
                    SELECT id, attempts, $5, 'open' FROM claimed
                )
                SELECT * FROM claimed
                """, binds: try PostgresStore.binds(ids, capDays, leaseOwner, leaseUntil, nowMs)), logger: logger)
            var byId: [String: StoredMessage] = [:]
            for row in rows {
                let message = try StoredMessage(postgresRow: row)
                byId[message.id] = message
            }
            return claims.compactMap { claim in
                byId[claim.id].map { ClaimedMessage(message: $0, attempt: $0.attempts, previousAttemptInDoubt: claim.inDoubt) }
            }
        }
    }

    /// Bindings for a statement with `$1`, `$2`, … written out.
    static func binds(_ values: any PostgresDynamicTypeEncodable...) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }

    /// A receipt can settle a message while its worker is still submitting it again (a resend of
    /// an in-doubt attempt). If that worker dies too, nothing would ever close its attempt: once
    /// the lease lapses, the attempt is marked in doubt and the lease cleared.
    private static func settleLapsedLeases(now nowMs: Int64, exceptOwner owner: String, _ connection: PostgresSession, _ logger: Logger) async throws {
        try await connection.query("""
            WITH settled AS (
                SELECT id FROM messages
                WHERE lease_owner IS NOT NULL AND state <> 'sending' AND lease_expires_at <= \(nowMs) AND lease_owner <> \(owner)
                FOR UPDATE SKIP LOCKED
            ),
            closed AS (
                UPDATE attempts SET outcome = 'in_doubt', finished_at = \(nowMs)
                WHERE outcome = 'open' AND message_id IN (SELECT id FROM settled)
            )
            UPDATE messages SET lease_owner = NULL, lease_expires_at = NULL WHERE id IN (SELECT id FROM settled)
            """, logger: logger)
    }

    /// Messages whose lease lapsed (their worker died): the open attempt becomes in doubt, and
    /// the message is claimed again or, as ``InDoubtPolicy/decide(attempt:inDoubtAttempts:limit:)``
    /// says (policy `fail`, or lapsed too often), ends `failed`.
    private static func lapsedClaims(
        now nowMs: Int64, limit: Int, rules: ClaimRules, exceptOwner owner: String, _ connection: PostgresSession, _ logger: Logger
    ) async throws -> [Claim] {
        // Lapsed leases first: their messages waited longest.
        let lapsed = try await connection.rows("""
            SELECT id, attempts FROM messages
            WHERE state = 'sending' AND lease_expires_at <= \(nowMs) AND expires_at > \(nowMs) AND lease_owner <> \(owner)
            ORDER BY lease_expires_at
            LIMIT \(limit)
            FOR UPDATE SKIP LOCKED
            """, logger: logger)
        var claims: [Claim] = []
        for row in lapsed {
            let id = try row[0].decode(String.self)
            let attempt = try row[1].decode(Int.self)
            let closed = try await connection.changed("""
                UPDATE attempts SET outcome = 'in_doubt', finished_at = \(nowMs)
                WHERE message_id = \(id) AND number = \(attempt) AND outcome = 'open'
                RETURNING 1
                """, logger: logger)
            guard closed > 0 else {
                claims.append(Claim(id: id))
                continue
            }
            let inDoubtAttempts = try await connection.value("""
                SELECT COUNT(*) FROM attempts WHERE message_id = \(id) AND outcome = 'in_doubt'
                """, as: Int.self, logger: logger) ?? 1
            switch rules.inDoubt.decide(attempt: attempt, inDoubtAttempts: inDoubtAttempts, limit: rules.maxInDoubt) {
            case .resend:
                claims.append(Claim(id: id, inDoubt: true))
            case .fail(let reason):
                try await connection.query("""
                    UPDATE messages
                    SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(nowMs), last_error = \(reason)
                    WHERE id = \(id)
                    """, logger: logger)
            }
        }
        return claims
    }

    /// Pending messages that are due, in priority order, less those over their recipient's
    /// daily cap, which are moved to the next day instead, and those to a resident who stopped
    /// notifications, which end `cancelled` (urgent ones still go).
    ///
    /// A recipient's count for the day is locked while it is read and raised, so two nodes
    /// claiming for the same resident at once never let one message more through.
    private static func dueClaims(
        now: Date, limit: Int, cap: RecipientDailyCap?, _ connection: PostgresSession, _ logger: Logger
    ) async throws -> [Claim] {
        let nowMs = now.epochMilliseconds
        // Read the queue in its index order (messages_pending) and stop at `limit`. Statistics
        // taken while the queue was short make a burst's pending messages look like a handful,
        // and the planner then fetched every one of them and sorted them, for every claim of
        // every node: milliseconds per thousand waiting. Without a sort the ordered index scan
        // is the only plan. Only this SELECT: a PL/pgSQL trigger fired under the setting would
        // keep a plan made with it for the rest of the connection's life.
        try await connection.query("SET LOCAL enable_sort = off", logger: logger)
        let due = try await connection.rows("""
            SELECT m.id, m.recipient, m.priority, m.cap_day, r.opted_out_at IS NOT NULL FROM messages m
            LEFT JOIN residents r ON r.phone = m.recipient
            WHERE m.state = 'pending' AND m.not_before <= \(nowMs) AND m.expires_at > \(nowMs)
            ORDER BY m.priority, m.not_before
            LIMIT \(limit)
            FOR UPDATE OF m SKIP LOCKED
            """, logger: logger)
        try await connection.query("SET LOCAL enable_sort = DEFAULT", logger: logger)
        let today = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
        var candidates: [DueMessage] = []
        for row in due {
            candidates.append(DueMessage(
                id: try row[0].decode(String.self), recipient: try row[1].decode(String.self),
                priority: MessagePriority(rank: try row[2].decode(Int.self)) ?? .normal,
                capDay: try row[3].decode(Int64?.self), optedOut: try row[4].decode(Bool.self)))
        }
        // Urgent messages are outside the cap; a message counts once, on the day it is first
        // claimed, and its retries are free.
        func isCapped(_ message: DueMessage) -> Bool {
            cap != nil && message.priority != .urgent && !message.optedOut && message.capDay == nil
        }
        var sentToday = try await lockRecipientDays(Set(candidates.filter(isCapped).map(\.recipient)), day: today, connection, logger)
        var claims: [Claim] = []
        var cancelled: [String] = []
        var held: (ids: [String], until: [Int64]) = ([], [])
        var counted: [String: Int64] = [:]
        for message in candidates {
            if message.priority != .urgent, message.optedOut {
                cancelled.append(message.id)
                continue
            }
            guard let cap, isCapped(message) else {
                claims.append(Claim(id: message.id))
                continue
            }
            let sent = sentToday[message.recipient, default: 0]
            if cap.holdsBack(priority: message.priority, alreadySentToday: sent) {
                held.ids.append(message.id)
                held.until.append(Int64(cap.releaseTime(afterDay: today, priority: message.priority) * 1000))
                continue
            }
            sentToday[message.recipient] = sent + 1
            counted[message.recipient, default: 0] += 1
            claims.append(Claim(id: message.id, capDay: today))
        }
        if !cancelled.isEmpty {
            try await connection.query("""
                UPDATE messages SET state = 'cancelled', last_error = \(ResidentPreferences.optedOutReason), updated_at = \(nowMs)
                WHERE id = ANY(\(cancelled))
                """, logger: logger)
        }
        if !held.ids.isEmpty {
            try await connection.query("""
                UPDATE messages m SET not_before = h.until, waiting_for = 'dailyCap', updated_at = \(nowMs)
                FROM unnest(\(held.ids)::text[], \(held.until)::bigint[]) AS h(id, until) WHERE m.id = h.id
                """, logger: logger)
        }
        if !counted.isEmpty {
            let recipients = counted.keys.sorted()
            try await connection.query("""
                UPDATE recipient_days d SET count = d.count + c.added
                FROM unnest(\(recipients)::text[], \(recipients.map { counted[$0]! })::bigint[]) AS c(recipient, added)
                WHERE d.recipient = c.recipient AND d.day = \(today)
                """, logger: logger)
        }
        return claims
    }

    /// A pending message read by a claim.
    private struct DueMessage {
        let id: String
        let recipient: String
        let priority: MessagePriority
        let capDay: Int64?
        let optedOut: Bool
    }

    /// Creates the day's count of each recipient or locks the existing one (in recipient order,
    /// as concurrent claims take them), and reads them: two nodes claiming for the same resident
    /// at once never let one message more through.
    private static func lockRecipientDays(
        _ recipients: Set<String>, day: Int64, _ connection: PostgresSession, _ logger: Logger
    ) async throws -> [String: Int] {
        guard !recipients.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await connection.rows("""
            INSERT INTO recipient_days (recipient, day, count)
            SELECT r, \(day), 0 FROM unnest(\(recipients.sorted())::text[]) AS r ORDER BY r
            ON CONFLICT (recipient, day) DO UPDATE SET count = recipient_days.count
            RETURNING recipient, count
            """, logger: logger) {
            counts[try row[0].decode(String.self)] = try row[1].decode(Int.self)
        }
        return counts
    }

    public func record(_ outcomes: [AttemptOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        let logger = logger
        try await write { connection in
            try await PostgresStore.recordOutcomes(outcomes, connection, logger)
        }
    }

    /// A claim that was never submitted goes back to `pending` until `until`, taking back its
    /// attempt (as a release at shutdown does), with the reason shown as its last error.
    static func deferClaim(
        _ outcome: AttemptOutcome, until: Int64, reason: String, at finishedMs: Int64, _ connection: PostgresSession, _ logger: Logger
    ) async throws {
        let removed = try await connection.changed("""
            DELETE FROM attempts WHERE message_id = \(outcome.messageId) AND number = \(outcome.attempt) AND outcome = 'open'
            RETURNING 1
            """, logger: logger)
        guard removed > 0 else { return }  // a stale claim
        try await connection.query("""
            UPDATE messages
            SET state = 'pending', attempts = attempts - 1, last_error = \(reason), not_before = \(until),
                waiting_for = \((outcome.waitReason ?? .circuitOpen).rawValue),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = \(finishedMs)
            WHERE id = \(outcome.messageId) AND attempts = \(outcome.attempt) AND state = 'sending'
            """, logger: logger)
    }

    public func expireDue(now: Date) async throws -> Int {
        let nowMs = now.epochMilliseconds
        let logger = logger
        return try await write { connection in
            try await connection.query("""
                UPDATE attempts SET outcome = 'in_doubt', finished_at = \(nowMs)
                WHERE outcome = 'open' AND message_id IN (
                    SELECT id FROM messages WHERE state = 'sending' AND lease_expires_at <= \(nowMs) AND expires_at <= \(nowMs))
                """, logger: logger)
            return try await connection.changed("""
                UPDATE messages
                SET state = 'expired', updated_at = \(nowMs), lease_owner = NULL, lease_expires_at = NULL,
                    last_error = 'validity ran out before the message could be sent'
                WHERE expires_at <= \(nowMs) AND (state = 'pending' OR (state = 'sending' AND lease_expires_at <= \(nowMs)))
                RETURNING 1
                """, logger: logger)
        }
    }

    public func releaseLeases(_ messageIds: [String], owner: String, now: Date) async throws -> Int {
        guard !messageIds.isEmpty else { return 0 }
        let nowMs = now.epochMilliseconds
        let logger = logger
        return try await write { connection in
            // The claims never reached the provider: they take back their attempt, so a release
            // at shutdown does not use up one of the message's retries.
            let released = try await connection.rows("""
                UPDATE messages
                SET state = 'pending', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = \(nowMs)
                WHERE id = ANY(\(messageIds)) AND state = 'sending' AND lease_owner = \(owner)
                RETURNING id
                """, logger: logger).map { try $0[0].decode(String.self) }
            guard !released.isEmpty else { return 0 }
            try await connection.query("""
                DELETE FROM attempts WHERE message_id = ANY(\(released)) AND outcome = 'open'
                """, logger: logger)
            return released.count
        }
    }

    public func forgetRecipientDays(before day: Int64) async throws -> Int {
        let logger = logger
        return try await write { connection in
            try await connection.changed("DELETE FROM recipient_days WHERE day < \(day) RETURNING 1", logger: logger)
        }
    }
}
