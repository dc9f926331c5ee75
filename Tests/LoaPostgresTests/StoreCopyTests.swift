import Foundation
@testable import LoaPostgres
import LoaStore
import LoaTestSupport
import Synchronization
import Testing

/// ``CopyText``: each SQLite value as a field of COPY's text format, for its column's type.
@Suite("COPY text fields")
struct CopyTextTests {
    @Test("values by target type, NULL, escapes, bytea hex")
    func fields() throws {
        #expect(try CopyText.field(.null, type: "bigint") == "\\N")
        #expect(try CopyText.field(.integer(-42), type: "bigint") == "-42")
        #expect(try CopyText.field(.real(7), type: "bigint") == "7")
        #expect(try CopyText.field(.text("12"), type: "bigint") == "12")
        #expect(try CopyText.field(.integer(0), type: "boolean") == "f")
        #expect(try CopyText.field(.integer(1), type: "boolean") == "t")
        #expect(try CopyText.field(.real(1.5), type: "double precision") == "1.5")
        #expect(try CopyText.field(.integer(3), type: "double precision") == "3")
        #expect(try CopyText.field(.blob([0x00, 0xCA, 0xFE]), type: "bytea") == "\\\\x00cafe")
        #expect(try CopyText.field(.text("a\\b\tc\nd\re"), type: "text") == "a\\\\b\\tc\\nd\\re")
        #expect(try CopyText.field(.text("Giàng A Vảng"), type: "text") == "Giàng A Vảng")
        #expect(try CopyText.field(.integer(5), type: "text") == "5")
    }

    @Test("a value the column cannot take names its storage class and the type, not the value")
    func unconvertible() {
        #expect(throws: CopyText.Unconvertible(storage: "text", type: "bigint")) { try CopyText.field(.text("+84912345678x"), type: "bigint") }
        #expect(throws: CopyText.Unconvertible(storage: "real", type: "bigint")) { try CopyText.field(.real(1.5), type: "bigint") }
        #expect(throws: CopyText.Unconvertible(storage: "blob", type: "bigint")) { try CopyText.field(.blob([1]), type: "bigint") }
    }
}

/// ``StoreCopy`` in pages smaller than the tables, so that every page after the first is read
/// after the last key of the one before (a composite key, an integer key, a text key).
@Suite("StoreCopy in small pages", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason))
struct StoreCopyTests {
    @Test("every row of multi-page tables arrives once, progress page by page, ids continue past the copied ones")
    func smallPages() async throws {
        let folder = try TemporaryFolder(prefix: "store-copy")
        let path = folder.path("loa.sqlite")
        let source = try SQLiteStore(path: path)
        try await source.migrate()
        var statements: [String] = []
        for index in 0..<7 {
            statements.append("INSERT INTO recipient_days (recipient, day, count) VALUES ('+8491234567\(index % 3)', \(20_000 + index), \(index + 1))")
            statements.append("INSERT INTO audit_log (at, action, key_name) VALUES (\(index), 'test.copy', 'cli')")
            statements.append("INSERT INTO retention_horizon (subject, forgotten_before) VALUES ('subject-\(index)', \(index))")
        }
        _ = try await Peers.runCapturing("/usr/bin/sqlite3", [path, statements.joined(separator: ";\n")], input: Data())

        let database = try await PostgresPeer.createDatabase()
        do {
            try await copyAndCheck(path, to: try PostgresPeer.url(database: database))
            try await PostgresPeer.drop(database)
        } catch {
            try? await PostgresPeer.drop(database)
            throw error
        }
    }

    private func copyAndCheck(_ path: String, to url: String) async throws {
        let seen = Mutex<[StoreCopy.Progress]>([])
        let summary = try await StoreCopy(sqlitePath: path, postgresURL: url, logger: PostgresPeer.logger, pageSize: 2)
            .run { progress in seen.withLock { $0.append(progress) } }
        #expect(summary.rows == 21)
        let progress = seen.withLock { $0 }.filter { $0.table == "recipient_days" }
        #expect(progress.map(\.copied) == [0, 2, 4, 6, 7])
        #expect(progress.allSatisfy { $0.total == 7 })

        let query: (String) async throws -> [String] = { sql in
            String(decoding: try await Peers.runCapturing("/usr/bin/psql", [url, "-Atc", sql], input: Data()), as: UTF8.self)
                .split(separator: "\n").map(String.init)
        }
        #expect(try await query("SELECT recipient || ':' || day || ':' || count FROM recipient_days ORDER BY day")
            == (0..<7).map { "+8491234567\($0 % 3):\(20_000 + $0):\($0 + 1)" })
        #expect(try await query("SELECT string_agg(id::text, ',' ORDER BY id) FROM audit_log") == ["1,2,3,4,5,6,7"])
        #expect(try await query("SELECT COUNT(DISTINCT subject) FROM retention_horizon") == ["7"])
        #expect(try await query("WITH added AS (INSERT INTO audit_log (at, action, key_name) VALUES (8, 'after', 'cli') RETURNING id) SELECT id FROM added") == ["8"])
    }
}
