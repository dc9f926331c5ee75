import Foundation
import GRDB

extension SQLiteStore {
    /// Writes a consistent copy of the database to a new file at `path`, readable by its owner
    /// only, while other processes (a running `loa serve`) keep reading and writing it.
    ///
    /// `VACUUM INTO` copies one read snapshot, so the copy holds exactly the transactions
    /// committed when it began, and it never blocks writers; the copy is compact (no free pages,
    /// so nothing a purge removed survives in it), synced to disk and then checked like a
    /// restore checks it. An existing file is never overwritten. Returns the copy's migrations.
    ///
    /// ```swift
    /// try await SQLiteStore(path: "loa.sqlite").backup(to: "/backups/loa-2026-12-01.sqlite")
    /// ```
    public func backup(to path: String) async throws -> [String] {
        try SQLiteStore.createOwnerOnlyFile(at: path)
        do {
            try await pool.vacuum(into: path)
            try SQLiteStore.synchronize(fileAt: path)
            return try await SQLiteStore.readOnlyQueue(path).read { db in try SQLiteStore.verifiedMigrations(db, path: path) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Checks the backup at `backup` (SQLite's integrity check, and a schema made by migrations
    /// this version of Loa knows) and copies it to a new database at `path`, readable by its
    /// owner only; an existing `path` is refused. Returns the migrations the restored database
    /// has: `loa serve` applies any newer ones when it starts on it.
    public static func restore(backup: String, to path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: backup) else {
            throw DatabaseFileError(path: backup, "no such backup file")
        }
        let source: DatabaseQueue
        let migrations: [String]
        do {
            source = try readOnlyQueue(backup)
            migrations = try source.read { db in try verifiedMigrations(db, path: backup) }
        } catch let error as DatabaseError {
            throw DatabaseFileError(path: backup, "cannot be read as a database (\(error.message ?? "\(error.resultCode)")); use another backup")
        }
        try createOwnerOnlyFile(at: path)
        do {
            let destination = try DatabaseQueue(path: path)
            try source.backup(to: destination)
            try destination.close()
            try synchronize(fileAt: path)
            _ = try readOnlyQueue(path).read { db in try verifiedMigrations(db, path: path) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return migrations
    }

    /// The migrations of a Loa database after checking it: SQLite's integrity check passes, and
    /// every migration it records is one this version of Loa registers.
    static func verifiedMigrations(_ db: Database, path: String) throws -> [String] {
        let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard problems == ["ok"] else {
            throw DatabaseFileError(path: path, "fails SQLite's integrity check (\(problems.prefix(3).joined(separator: "; "))); use another backup")
        }
        guard try db.tableExists("grdb_migrations") else {
            throw DatabaseFileError(path: path, "is not a Loa database (it has no migrations table)")
        }
        let recorded = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let known = SQLiteSchema.migrator.migrations
        let unknown = recorded.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DatabaseFileError(path: path, "was written by a newer Loa (migrations \(unknown.joined(separator: ", ")) are unknown to this version); restore it with that version")
        }
        guard !recorded.isEmpty else {
            throw DatabaseFileError(path: path, "is not a Loa database (no migration was ever applied)")
        }
        return known.filter(recorded.contains)
    }

    /// A read-only connection to the database file at `path`.
    private static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates an empty file at `path` readable by its owner only, refusing one that exists.
    private static func createOwnerOnlyFile(at path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, ownerOnlyMode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST
                ? "already exists; Loa never overwrites a file: choose a new name or move the old one away"
                : "cannot be created (\(String(cString: strerror(errno)))); check that its folder exists and is writable"
            throw DatabaseFileError(path: path, reason)
        }
        close(descriptor)
    }

    /// Flushes the file at `path` to disk (SQLite does not sync what `VACUUM INTO` writes).
    private static func synchronize(fileAt path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DatabaseFileError(path: path, "cannot be opened to sync it (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw DatabaseFileError(path: path, "cannot be synced to disk (\(String(cString: strerror(errno)))); check the disk")
        }
    }
}
