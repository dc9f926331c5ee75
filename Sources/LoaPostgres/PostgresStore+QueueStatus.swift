public import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

/// The operators' summary of the queue, read in one snapshot.
extension PostgresStore {
    // MARK: QueueStatus

    public func statusSummary(now: Date) async throws -> StatusSummary {
        let nowMs = now.epochMilliseconds
        let midnightMs = StatusSummary.vietnamMidnight(before: now).epochMilliseconds
        let logger = logger
        return try await read { connection in
            // One snapshot for every figure, as SQLite's read transaction gives.
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                var byState: [MessageState: Int] = [:]
                for row in try await connection.rows("SELECT state, COUNT(*) FROM messages GROUP BY state", logger: logger) {
                    if let state = MessageState(rawValue: try row[0].decode(String.self)) { byState[state] = try row[1].decode(Int.self) }
                }
                let dueNow = try await connection.value("""
                    SELECT COUNT(*) FROM messages WHERE state = 'pending' AND not_before <= \(nowMs)
                    """, as: Int.self, logger: logger) ?? 0
                var waiting: [WaitReason: Int] = [:]
                for row in try await connection.rows("""
                    SELECT waiting_for, COUNT(*) FROM messages WHERE state = 'pending' AND not_before > \(nowMs) GROUP BY waiting_for
                    """, logger: logger) {
                    let reason = try row[0].decode(String?.self).flatMap(WaitReason.init(rawValue:)) ?? .scheduled
                    waiting[reason, default: 0] += try row[1].decode(Int.self)
                }
                let oldest = try await connection.value("""
                    SELECT MIN(created_at) FROM messages WHERE state IN ('pending', 'sending')
                    """, as: Int64?.self, logger: logger) ?? nil
                let inDoubt = try await connection.value("""
                    SELECT COUNT(*) FROM attempts WHERE outcome = 'in_doubt'
                    """, as: Int.self, logger: logger) ?? 0
                var today: [MessageState: Int] = [:]
                var segments = 0
                for row in try await connection.rows("""
                    SELECT state, COUNT(*), COALESCE(SUM(segments), 0)::bigint FROM messages WHERE created_at >= \(midnightMs) GROUP BY state
                    """, logger: logger) {
                    guard let state = MessageState(rawValue: try row[0].decode(String.self)) else { continue }
                    today[state] = try row[1].decode(Int.self)
                    if MessageTally.submittedStates.contains(state) { segments += try row[2].decode(Int.self) }
                }
                try await connection.query("COMMIT", logger: logger)
                return StatusSummary(
                    at: now, messagesByState: byState, dueNow: dueNow, waiting: waiting,
                    oldestWaitingSince: oldest.map(Date.init(epochMilliseconds:)), inDoubtAttempts: inDoubt,
                    sentWithoutReport: byState[.sent] ?? 0, today: today, segmentsSentToday: segments)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
