public import Foundation
import GRDB
import LoaCore

/// Watcher cursors in `watcher_cursors` (migration v20-watcher-cursors).
extension SQLiteStore {
    public func watcherCursor(named name: String) async throws -> WatcherCursor? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.watcherColumns) FROM watcher_cursors WHERE name = ?", arguments: [name])
                .map(Self.watcherCursor)
        }
    }

    public func watcherCursors() async throws -> [WatcherCursor] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.watcherColumns) FROM watcher_cursors ORDER BY name").map(Self.watcherCursor)
        }
    }

    public func recordWatcherStep(_ step: WatcherStep) async throws {
        try await write { db in
            let current = try Row.fetchOne(db, sql: "SELECT \(Self.watcherColumns) FROM watcher_cursors WHERE name = ?", arguments: [step.name])
                .map(Self.watcherCursor) ?? WatcherCursor(name: step.name, savedAt: step.at)
            let next = current.applying(step)
            try db.execute(sql: """
                INSERT INTO watcher_cursors (name, updated_at_us, row_id, read_through, changes, rejected, last_error, saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET updated_at_us = excluded.updated_at_us, row_id = excluded.row_id,
                    read_through = excluded.read_through, changes = excluded.changes, rejected = excluded.rejected,
                    last_error = excluded.last_error, saved_at = excluded.saved_at
                """, arguments: [
                    next.name, next.position?.updatedAtMicros, next.position?.rowId, next.readThrough?.epochMilliseconds,
                    next.changes, next.rejected, next.lastError, next.savedAt.epochMilliseconds,
                ])
        }
    }

    private static let watcherColumns = "name, updated_at_us, row_id, read_through, changes, rejected, last_error, saved_at"

    private static func watcherCursor(_ row: Row) -> WatcherCursor {
        let micros: Int64? = row[1]
        let rowId: String? = row[2]
        let readThrough: Int64? = row[3]
        return WatcherCursor(
            name: row[0],
            position: micros.flatMap { micros in rowId.map { WatcherPosition(updatedAtMicros: micros, rowId: $0) } },
            readThrough: readThrough.map(Date.init(epochMilliseconds:)),
            changes: row[4], rejected: row[5], lastError: row[6],
            savedAt: Date(epochMilliseconds: row[7]))
    }
}
