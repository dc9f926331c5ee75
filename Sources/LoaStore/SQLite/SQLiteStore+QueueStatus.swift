public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func statusSummary(now: Date) async throws -> StatusSummary {
        let nowMs = now.epochMilliseconds
        let midnightMs = StatusSummary.vietnamMidnight(before: now).epochMilliseconds
        return try await pool.read { db in
            var byState: [MessageState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM messages GROUP BY state") {
                if let state = MessageState(rawValue: row[0]) { byState[state] = row[1] }
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
            let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(created_at) FROM messages WHERE state IN ('pending', 'sending')")
            let inDoubt = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts WHERE outcome = 'in_doubt'") ?? 0
            var today: [MessageState: Int] = [:]
            var segments = 0
            for row in try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*), SUM(segments) FROM messages WHERE created_at >= ? GROUP BY state
                """, arguments: [midnightMs]) {
                guard let state = MessageState(rawValue: row[0]) else { continue }
                today[state] = row[1]
                if [.sent, .delivered, .undelivered, .unreported].contains(state) { segments += row[2] as Int? ?? 0 }
            }
            return StatusSummary(
                at: now, messagesByState: byState, dueNow: dueNow, waiting: waiting,
                oldestWaitingSince: oldest.map(Date.init(epochMilliseconds:)), inDoubtAttempts: inDoubt,
                sentWithoutReport: byState[.sent] ?? 0, today: today, segmentsSentToday: segments)
        }
    }
}
