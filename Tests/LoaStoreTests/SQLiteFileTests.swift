import Foundation
import GRDB
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// The database files on disk: owner-only modes, backups and restores.
@Suite("SQLite files")
struct SQLiteFileTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("a new database, its -wal and -shm are readable by their owner only")
    func newFilesAreOwnerOnly() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("loa.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: Fixtures.now)])
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
    }

    @Test("an existing database readable by others is made owner-only when opened")
    func existingFilesAreTightened() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("loa.sqlite")
        try await SQLiteStore(path: path).migrate()
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        #expect(try Self.mode(path) == 0o644)
        _ = try SQLiteStore(path: path)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
    }

    @Test("a backup is a checked owner-only copy; it and a restore never overwrite a file")
    func backupAndRestore() async throws {
        let folder = try TemporaryFolder()
        let live = folder.path("loa.sqlite")
        let store = try SQLiteStore(path: live)
        try await store.migrate()
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: Fixtures.now)])

        let backup = folder.path("backup.sqlite")
        let migrations = try await store.backup(to: backup)
        #expect(try Self.mode(backup) == 0o600)
        let liveMigrations = try await DatabaseQueue(path: live).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(migrations == liveMigrations)
        let copyBefore = try Data(contentsOf: URL(fileURLWithPath: backup))
        await #expect(throws: DatabaseFileError.self) { try await store.backup(to: backup) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == copyBefore, "the existing backup is untouched")

        let restored = folder.path("restored.sqlite")
        #expect(try SQLiteStore.restore(backup: backup, to: restored) == liveMigrations)
        #expect(try Self.mode(restored) == 0o600)
        let reopened = try SQLiteStore(path: restored)
        try await reopened.migrate()
        #expect(try await reopened.message(id: "m1")?.recipient == "+84912345678")
        #expect(throws: DatabaseFileError.self) { try SQLiteStore.restore(backup: backup, to: restored) }
        #expect(throws: DatabaseFileError.self) { try SQLiteStore.restore(backup: folder.path("missing.sqlite"), to: folder.path("new.sqlite")) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("new.sqlite")))
    }

    @Test("a restore refuses a damaged file and a schema from a newer Loa, naming the problem")
    func restoreRefusesWhatItCannotTrust() async throws {
        let folder = try TemporaryFolder()
        let garbage = folder.path("garbage.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: garbage))
        let target = folder.path("target.sqlite")
        let damaged = #expect(throws: DatabaseFileError.self) { try SQLiteStore.restore(backup: garbage, to: target) }
        #expect(damaged?.path == garbage)
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is left behind")

        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let newer = folder.path("newer.sqlite")
        _ = try await store.backup(to: newer)
        try await DatabaseQueue(path: newer).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let unknown = #expect(throws: DatabaseFileError.self) { try SQLiteStore.restore(backup: newer, to: target) }
        #expect(unknown?.problem.contains("v99-from-the-future") == true)
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
