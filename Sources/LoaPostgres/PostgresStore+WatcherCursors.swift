import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

/// Watcher cursors in `watcher_cursors` (migration v20-watcher-cursors): a step reads the row
/// under `FOR UPDATE` and writes ``WatcherCursor/applying(_:)``'s result, so two nodes saving at
/// once never move a cursor back.
extension PostgresStore {
    public func watcherCursor(named name: String) async throws -> WatcherCursor? {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT name, updated_at_us, row_id, read_through, changes, rejected, last_error, saved_at FROM watcher_cursors WHERE name = \(name)
                """, logger: logger).first.map(Self.watcherCursor)
        }
    }

    public func watcherCursors() async throws -> [WatcherCursor] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT name, updated_at_us, row_id, read_through, changes, rejected, last_error, saved_at FROM watcher_cursors ORDER BY name
                """, logger: logger).map(Self.watcherCursor)
        }
    }

    public func recordWatcherStep(_ step: WatcherStep) async throws {
        let logger = logger
        try await write { connection in
            // The row exists before it is locked, so that two first steps at once do not both insert.
            try await connection.query("""
                INSERT INTO watcher_cursors (name, saved_at) VALUES (\(step.name), \(step.at.epochMilliseconds)) ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            guard let row = try await connection.rows("""
                SELECT name, updated_at_us, row_id, read_through, changes, rejected, last_error, saved_at FROM watcher_cursors WHERE name = \(step.name) FOR UPDATE
                """, logger: logger).first else {
                throw StoreCorruption("watcher cursor \(step.name) was not kept")
            }
            let next = try Self.watcherCursor(row).applying(step)
            try await connection.query("""
                UPDATE watcher_cursors SET updated_at_us = \(next.position?.updatedAtMicros), row_id = \(next.position?.rowId),
                    read_through = \(next.readThrough?.epochMilliseconds), changes = \(next.changes), rejected = \(next.rejected),
                    last_error = \(next.lastError), saved_at = \(next.savedAt.epochMilliseconds)
                WHERE name = \(next.name)
                """, logger: logger)
        }
    }

    private static func watcherCursor(_ row: PostgresRandomAccessRow) throws -> WatcherCursor {
        let micros = try row[1].decode(Int64?.self)
        let rowId = try row[2].decode(String?.self)
        return WatcherCursor(
            name: try row[0].decode(String.self),
            position: micros.flatMap { micros in rowId.map { WatcherPosition(updatedAtMicros: micros, rowId: $0) } },
            readThrough: try row[3].decode(Int64?.self).map(Date.init(epochMilliseconds:)),
            changes: try row[4].decode(Int.self), rejected: try row[5].decode(Int.self),
            lastError: try row[6].decode(String?.self),
            savedAt: Date(epochMilliseconds: try row[7].decode(Int64.self)))
    }
}
