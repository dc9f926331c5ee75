public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    /// A message about to be claimed: whether its last attempt is in doubt, and the Vietnam day
    /// it now counts against its recipient's daily cap, when it is counted by this claim.
    private struct Claim {
        let id: String
        var inDoubt = false
        var capDay: Int64?
    }

    public func claimDue(
        now: Date, limit: Int, leaseOwner: String, leaseSeconds: Double, rules: ClaimRules
    ) async throws -> [ClaimedMessage] {
        let nowMs = now.epochMilliseconds
        let leaseUntil = now.addingTimeInterval(leaseSeconds).epochMilliseconds
        return try await write { db in
            // A live worker never recovers its own leases: its claims may be waiting for the
            // provider's rate or in flight; only a dead worker's lapse.
            try SQLiteStore.settleLapsedLeases(now: nowMs, exceptOwner: leaseOwner, db)
            var claims = try SQLiteStore.lapsedClaims(now: nowMs, limit: limit, rules: rules, exceptOwner: leaseOwner, db)
            if claims.count < limit {
                claims += try SQLiteStore.dueClaims(now: now, limit: limit - claims.count, cap: rules.recipientDailyCap, db)
            }
            var claimed: [ClaimedMessage] = []
            claimed.reserveCapacity(claims.count)
            for claim in claims {
                // Read back by a SELECT, not RETURNING: SQLite gathers RETURNING rows in a
                // temporary b-tree, built for every message claimed (see v21 in SQLiteSchema).
                try db.cachedStatement(sql: """
                    UPDATE messages
                    SET state = 'sending', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, updated_at = ?,
                        cap_day = COALESCE(?, cap_day)
                    WHERE id = ?
                    """).execute(arguments: [leaseOwner, leaseUntil, nowMs, claim.capDay, claim.id])
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT \(StoredMessage.columns) FROM messages WHERE id = ?
                    """), arguments: [claim.id]) else { continue }
                let message = try StoredMessage(row: row)
                try db.cachedStatement(sql: """
                    INSERT INTO attempts (message_id, number, started_at, outcome) VALUES (?, ?, ?, 'open')
                    """).execute(arguments: [message.id, message.attempts, nowMs])
                claimed.append(ClaimedMessage(message: message, attempt: message.attempts, previousAttemptInDoubt: claim.inDoubt))
            }
            return claimed
        }
    }

    /// A receipt can settle a message while its worker is still submitting it again (a resend of
    /// an in-doubt attempt). If that worker dies too, nothing would ever close its attempt: once
    /// the lease lapses, the attempt is marked in doubt and the lease cleared.
    private static func settleLapsedLeases(now nowMs: Int64, exceptOwner owner: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE attempts SET outcome = 'in_doubt', finished_at = ?
            WHERE outcome = 'open' AND message_id IN (
                SELECT id FROM messages
                WHERE lease_owner IS NOT NULL AND state <> 'sending' AND lease_expires_at <= ? AND lease_owner <> ?)
            """).execute(arguments: [nowMs, nowMs, owner])
        try db.cachedStatement(sql: """
            UPDATE messages SET lease_owner = NULL, lease_expires_at = NULL
            WHERE lease_owner IS NOT NULL AND state <> 'sending' AND lease_expires_at <= ? AND lease_owner <> ?
            """).execute(arguments: [nowMs, owner])
    }

    /// Messages whose lease lapsed (their worker died): the open attempt becomes in doubt, and
    /// the message is claimed again or, as ``InDoubtPolicy/decide(attempt:inDoubtAttempts:limit:)``
    /// says (policy `fail`, or lapsed too often), ends `failed`.
    private static func lapsedClaims(
        now nowMs: Int64, limit: Int, rules: ClaimRules, exceptOwner owner: String, _ db: Database
    ) throws -> [Claim] {
        // Lapsed leases first: their messages waited longest.
        let lapsed = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, attempts FROM messages
            WHERE state = 'sending' AND lease_expires_at <= ? AND expires_at > ? AND lease_owner <> ?
            LIMIT ?
            """), arguments: [nowMs, nowMs, owner, limit])
        var claims: [Claim] = []
        for row in lapsed {
            let id: String = row[0]
            let attempt: Int = row[1]
            try db.cachedStatement(sql: """
                UPDATE attempts SET outcome = 'in_doubt', finished_at = ?
                WHERE message_id = ? AND number = ? AND outcome = 'open'
                """).execute(arguments: [nowMs, id, attempt])
            guard db.changesCount > 0 else {
                claims.append(Claim(id: id))
                continue
            }
            let inDoubtAttempts = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM attempts WHERE message_id = ? AND outcome = 'in_doubt'
                """), arguments: [id]) ?? 1
            switch rules.inDoubt.decide(attempt: attempt, inDoubtAttempts: inDoubtAttempts, limit: rules.maxInDoubt) {
            case .resend:
                claims.append(Claim(id: id, inDoubt: true))
            case .fail(let reason):
                try db.cachedStatement(sql: """
                    UPDATE messages
                    SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?, last_error = ?
                    WHERE id = ?
                    """).execute(arguments: [nowMs, reason, id])
            }
        }
        return claims
    }

    /// Pending messages that are due, in priority order, less those over their recipient's
    /// daily cap, which are moved to the next day instead, and those to a resident who stopped
    /// notifications, which end `cancelled` (urgent ones still go).
    private static func dueClaims(now: Date, limit: Int, cap: RecipientDailyCap?, _ db: Database) throws -> [Claim] {
        let nowMs = now.epochMilliseconds
        let due = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.id, m.recipient, m.priority, m.cap_day, r.opted_out_at IS NOT NULL FROM messages m
            LEFT JOIN residents r ON r.phone = m.recipient
            WHERE m.state = 'pending' AND m.not_before <= ? AND m.expires_at > ?
            ORDER BY m.priority, m.not_before
            LIMIT ?
            """), arguments: [nowMs, nowMs, limit])
        let today = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
        var claims: [Claim] = []
        for row in due {
            let id: String = row[0]
            let priority = MessagePriority(rank: row[2]) ?? .normal
            if priority != .urgent, row[4] as Bool {
                try db.cachedStatement(sql: """
                    UPDATE messages SET state = 'cancelled', last_error = ?, updated_at = ? WHERE id = ?
                    """).execute(arguments: [ResidentPreferences.optedOutReason, nowMs, id])
                continue
            }
            // Urgent messages are outside the cap; a message counts once, on the day it is
            // first claimed, and its retries are free.
            guard let cap, priority != .urgent, (row[3] as Int64?) == nil else {
                claims.append(Claim(id: id))
                continue
            }
            let recipient: String = row[1]
            let sentToday = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count FROM recipient_days WHERE recipient = ? AND day = ?
                """), arguments: [recipient, today]) ?? 0
            if cap.holdsBack(priority: priority, alreadySentToday: sentToday) {
                let release = cap.releaseTime(afterDay: today, priority: priority)
                try db.cachedStatement(sql: """
                    UPDATE messages SET not_before = ?, waiting_for = 'dailyCap', updated_at = ? WHERE id = ?
                    """).execute(arguments: [Int64(release * 1000), nowMs, id])
                continue
            }
            try db.cachedStatement(sql: """
                INSERT INTO recipient_days (recipient, day, count) VALUES (?, ?, 1)
                ON CONFLICT (recipient, day) DO UPDATE SET count = count + 1
                """).execute(arguments: [recipient, today])
            claims.append(Claim(id: id, capDay: today))
        }
        return claims
    }

    public func record(_ outcomes: [AttemptOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await write { db in
            for outcome in outcomes {
                try SQLiteStore.record(outcome, db)
            }
        }
    }

    private static func record(_ outcome: AttemptOutcome, _ db: Database) throws {
        let finishedMs = outcome.finishedAt.epochMilliseconds
        if case .deferred(let until, let reason) = outcome.result {
            try deferClaim(outcome, until: until.epochMilliseconds, reason: reason, at: finishedMs, db)
            return
        }
        guard let write = OutcomeWrite(outcome) else { return }
        try db.cachedStatement(sql: """
            UPDATE attempts SET outcome = ?, finished_at = ?, provider = ?, provider_message_id = ?, error = ?
            WHERE message_id = ? AND number = ? AND outcome = 'open'
            """).execute(arguments: [
                write.attemptOutcome.rawValue, finishedMs, outcome.provider, write.providerMessageId, write.error,
                outcome.messageId, outcome.attempt,
            ])
        guard db.changesCount > 0 else { return }  // a stale claim: another worker owns the message now
        try db.cachedStatement(sql: """
            UPDATE messages
            SET state = CASE WHEN state = 'sending' THEN ? ELSE state END,
                provider = ?, provider_message_id = COALESCE(?, provider_message_id),
                last_error = COALESCE(?, last_error), not_before = COALESCE(?, not_before),
                waiting_for = COALESCE(?, waiting_for), lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
            WHERE id = ? AND attempts = ?
            """).execute(arguments: [
                write.newState.rawValue, outcome.provider, write.providerMessageId, write.error, write.notBefore,
                write.waitReason?.rawValue, finishedMs,
                outcome.messageId, outcome.attempt,
            ])
        if let providerMessageId = write.providerMessageId {
            try applyWaitingReceipts(messageId: outcome.messageId, attempt: outcome.attempt, provider: outcome.provider,
                                     providerMessageId: providerMessageId, db)
        }
    }

    /// A claim that was never submitted goes back to `pending` until `until`, taking back its
    /// attempt (as a release at shutdown does), with the reason shown as its last error.
    private static func deferClaim(_ outcome: AttemptOutcome, until: Int64, reason: String, at finishedMs: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM attempts WHERE message_id = ? AND number = ? AND outcome = 'open'")
            .execute(arguments: [outcome.messageId, outcome.attempt])
        guard db.changesCount > 0 else { return }  // a stale claim
        try db.cachedStatement(sql: """
            UPDATE messages
            SET state = 'pending', attempts = attempts - 1, last_error = ?, not_before = ?, waiting_for = ?,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
            WHERE id = ? AND attempts = ? AND state = 'sending'
            """).execute(arguments: [
                reason, until, (outcome.waitReason ?? .circuitOpen).rawValue, finishedMs, outcome.messageId, outcome.attempt,
            ])
    }

    public func expireDue(now: Date) async throws -> Int {
        let nowMs = now.epochMilliseconds
        return try await write { db in
            try db.cachedStatement(sql: """
                UPDATE attempts SET outcome = 'in_doubt', finished_at = ?
                WHERE outcome = 'open' AND message_id IN (
                    SELECT id FROM messages WHERE state = 'sending' AND lease_expires_at <= ? AND expires_at <= ?)
                """).execute(arguments: [nowMs, nowMs, nowMs])
            try db.cachedStatement(sql: """
                UPDATE messages
                SET state = 'expired', updated_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                    last_error = 'validity ran out before the message could be sent'
                WHERE expires_at <= ? AND (state = 'pending' OR (state = 'sending' AND lease_expires_at <= ?))
                """).execute(arguments: [nowMs, nowMs, nowMs])
            return db.changesCount
        }
    }

    public func releaseLeases(_ messageIds: [String], owner: String, now: Date) async throws -> Int {
        guard !messageIds.isEmpty else { return 0 }
        let nowMs = now.epochMilliseconds
        return try await write { db in
            var released = 0
            for id in messageIds {
                // The claim never reached the provider: it takes back its attempt, so a release
                // at shutdown does not use up one of the message's retries.
                try db.cachedStatement(sql: """
                    UPDATE messages
                    SET state = 'pending', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ? AND state = 'sending' AND lease_owner = ?
                    """).execute(arguments: [nowMs, id, owner])
                guard db.changesCount > 0 else { continue }
                released += 1
                try db.cachedStatement(sql: """
                    DELETE FROM attempts WHERE message_id = ? AND outcome = 'open'
                    """).execute(arguments: [id])
            }
            return released
        }
    }

    public func forgetRecipientDays(before day: Int64) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM recipient_days WHERE day < ?", arguments: [day])
            return db.changesCount
        }
    }
}
