import Foundation
import GRDB
import LoaCore

/// The embedded store: one SQLite file in WAL mode, written through a single connection and
/// read through a pool.
///
/// Durability: every transaction is synced to disk before it returns (`synchronous = FULL`
/// unless configured otherwise), so an event answered `accepted` survives `kill -9` and power
/// loss. Throughput comes from batching: a whole ingest batch, a claim and a batch of outcomes
/// are each one transaction.
///
/// ```swift
/// let store = try SQLiteStore(path: "loa.sqlite")
/// try await store.migrate()
/// let claimed = try await store.claimDue(now: .now, limit: 100, leaseOwner: "w1", leaseSeconds: 30)
/// ```
public final class SQLiteStore: Store {
    /// How hard SQLite syncs each commit.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// Survives process crashes and power loss (the default).
        case full
        /// Survives process crashes; may lose the last commits on power loss. Faster.
        case normal
    }

    let pool: DatabasePool

    /// Opens (creating if needed) the database file at `path`. The database and its `-wal` and
    /// `-shm` files are readable by their owner only (mode 0600).
    public init(path: String, synchronous: Synchronous = .full) throws {
        try SQLiteStore.restrictToOwner(databaseAt: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue.uppercased())")
            // 16 MB of page cache per connection instead of SQLite's 2 MB keeps the outbox
            // indexes in memory while a burst drains (about 10% more messages per second in
            // loa-bench delivery; with a million messages waiting, loa serve stays near 100 MB).
            try db.execute(sql: "PRAGMA cache_size = -16000")
            // What is deleted or overwritten (a purged phone number, name or text) is zeroed in
            // the file, not left readable in free space (SQLiteStore+Retention).
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// One write transaction; "cannot write now" results (disk full, busy, locked, I/O error)
    /// become ``StoreUnavailableError`` so callers can answer 503 instead of 500.
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch let error as DatabaseError where SQLiteStore.unavailableCodes.contains(error.resultCode) {
            throw StoreUnavailableError(reason: "\(error.resultCode)")
        }
    }

    /// SQLite results meaning "cannot write now, nothing committed".
    static let unavailableCodes: [ResultCode] = [.SQLITE_FULL, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR]

    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
    }
}
