public import Foundation
import GRDB
import LoaCore

/// The status summary without a pass over all messages: counts by state come from the
/// `message_hours` rollup (v13-statistics), what waits and in-doubt attempts from partial
/// indexes over pending, sending and in-doubt rows (v15-queue-status-indexes).
extension SQLiteStore {
    public func statusSummary(now: Date) async throws -> StatusSummary {
        let nowMs = now.epochMilliseconds
        // Vietnam's midnight falls on a whole hour (UTC+7), so today is whole rollup hours.
        let midnightHour = StatusSummary.vietnamMidnight(before: now).epochMilliseconds / Self.millisecondsPerHour
        return try await pool.read { db in
            var byState: [MessageState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, SUM(messages) FROM message_hours WHERE dimension = 'all' GROUP BY state") {
                if let state = MessageState(rawValue: row[0]), let count = row[1] as Int?, count > 0 { byState[state] = count }
            }
            let dueNow = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM messages WHERE state = 'pending' AND not_before <= ?
                """, arguments: [nowMs]) ?? 0
            var waiting: [WaitReason: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT waiting_for, COUNT(*) FROM messages WHERE state = 'pending' AND not_before > ? GROUP BY waiting_for
                """, arguments: [nowMs]) {
                let reason = (row[0] as String?).flatMap(WaitReason.init(rawValue:)) ?? .scheduled
                waiting[reason, default: 0] += row[1]
            }
            let oldest = try [
                Int64.fetchOne(db, sql: "SELECT MIN(created_at) FROM messages INDEXED BY messages_pending_by_creation WHERE state = 'pending'"),
                Int64.fetchOne(db, sql: "SELECT MIN(created_at) FROM messages INDEXED BY messages_sending_by_creation WHERE state = 'sending'"),
            ].compactMap { $0 }.min()
            let inDoubt = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts INDEXED BY attempts_in_doubt WHERE outcome = 'in_doubt'") ?? 0
            var today: [MessageState: Int] = [:]
            var segments = 0
            for row in try Row.fetchAll(db, sql: """
                SELECT state, SUM(messages), SUM(segments) FROM message_hours WHERE dimension = 'all' AND hour >= ? GROUP BY state
                """, arguments: [midnightHour]) {
                guard let state = MessageState(rawValue: row[0]), let count = row[1] as Int?, count > 0 else { continue }
                today[state] = count
                if MessageTally.submittedStates.contains(state) { segments += row[2] as Int? ?? 0 }
            }
            return StatusSummary(
                at: now, messagesByState: byState, dueNow: dueNow, waiting: waiting,
                oldestWaitingSince: oldest.map(Date.init(epochMilliseconds:)), inDoubtAttempts: inDoubt,
                sentWithoutReport: byState[.sent] ?? 0, today: today, segmentsSentToday: segments)
        }
    }
}
