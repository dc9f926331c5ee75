import Foundation
import LoaTestSupport
import Testing

/// `loa migrate --from sqlite:PATH --to postgres://…` with the real binary: a SQLite deployment
/// with real activity moves to a new database on the throwaway cluster (`LOA_TEST_POSTGRES_URL`)
/// and carries on there.
@Suite("loa migrate --from sqlite: --to postgres://", .serialized,
       .enabled(if: Peers.isCI || ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] != nil,
                "LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start, or run scripts/test); skipping the migration to PostgreSQL"))
struct MigrateToPostgresTests {
    static let environment = ["LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY": "100ms", "LOA_DISPATCH_RECIPIENT_DAILY_CAP": "50"]
    static let phones = ["0912 345 678", "0987 654 321", "0912 000 111"]

    @Test("history, keys, daily counts and statistics move; the gateway carries on over PostgreSQL; a second move is refused")
    func moveAndCarryOn() async throws {
        // A SQLite deployment with real activity: keys, delivered messages with receipts, an
        // appointment, an opt-out, audit entries, daily counts.
        let sqlite = try LoaBinary(environment: Self.environment)
        let ingest = try await sqlite.createKey(role: "ingest")
        let officer = try await sqlite.createKey(role: "officer", commune: "na-u")
        try await sqlite.run(["optouts", "add", "0911 222 333"])
        let day = AppointmentsCommandTests.day(3)
        let sheet = sqlite.folder.path("lich-hen.csv")
        try "Họ và tên;Số điện thoại;Ngôn ngữ;Thủ tục;Thời gian\nLò Thị Mai;0912 555 666;vi;cccd_issue;\(day.sheet) 09:00\n"
            .write(toFile: sheet, atomically: true, encoding: .utf8)
        try await sqlite.run(["appointments", "import", sheet, "--commune", "na-u"])
        try await sqlite.start()
        var ids: [String] = []
        for (index, phone) in Self.phones.enumerated() {
            ids += try await Self.ingest(Events.make("mig-\(index)", dossier: "MIG-\(index)", locale: index == 0 ? "hmn" : "vi", status: 9, phone: phone),
                                         at: sqlite, key: ingest)
        }
        var before: [String: String] = [:]
        for id in ids { before[id] = try await waitForState("delivered", id: id, loa: sqlite, key: officer)["state"] as? String }
        #expect(await sqlite.terminate() == 0)

        let sqliteCounts = try await Self.sqliteCounts(sqlite.databasePath)
        let daily = try await Self.sqlite(sqlite.databasePath, "SELECT recipient, day, count FROM recipient_days ORDER BY 1, 2")
        #expect(!daily.isEmpty, "the deployment kept daily counts")
        for table in ["api_keys", "appointments", "attempts", "audit_log", "dossiers", "events", "message_hours", "messages", "receipts", "residents"] {
            #expect((sqliteCounts[table] ?? 0) > 0, "the SQLite deployment has rows in \(table)")
        }

        // The move.
        let url = try await PostgresNodesTests.freshDatabase()
        let moved = try await sqlite.run(["migrate", "--from", "sqlite:" + sqlite.databasePath, "--to", url])
        let rows = sqliteCounts.values.reduce(0, +)
        #expect(moved.contains("\(sqliteCounts.count) tables, \(rows) rows in "), "\(moved)")
        #expect(moved.contains("every table's count checked"))
        let postgresCounts = try await Self.postgresCounts(url)
        #expect(postgresCounts == sqliteCounts)
        #expect(try await Self.postgres(url, "SELECT recipient, day, count FROM recipient_days ORDER BY 1, 2") == daily)
        let hours = "SELECT dimension, hour, value, state, messages, segments FROM message_hours ORDER BY 1, 2, 3, 4"
        #expect(try await Self.postgres(url, hours) == (try await Self.sqlite(sqlite.databasePath, hours)), "the rollup copied as it is, not counted twice")
        let keys = "SELECT id, secret_hash, role, coalesce(commune, '') FROM api_keys ORDER BY id"
        #expect(try await Self.postgres(url, keys) == (try await Self.sqlite(sqlite.databasePath, keys)))

        // The gateway over PostgreSQL: the same messages in the same states, the old keys, a new event.
        let postgres = try LoaBinary(environment: Self.environment, database: url)
        try await postgres.start()
        for id in ids {
            let reply = try await HTTPJSON.send(.GET, "\(postgres.baseURL)/v1/messages/\(id)", key: officer)
            #expect(reply.status == 200)
            #expect((reply.json["messages"] as? [[String: Any]])?.first?["state"] as? String == before[id])
        }
        let next = try await Self.ingest(Events.make("mig-after", dossier: "MIG-AFTER", locale: "vi", status: 9, phone: Self.phones[1]),
                                         at: postgres, key: ingest)
        for id in next { _ = try await waitForState("delivered", id: id, loa: postgres, key: officer) }
        #expect(await postgres.terminate() == 0)
        let after = try await Self.postgresCounts(url)
        #expect(after["messages"] == (sqliteCounts["messages"] ?? 0) + next.count)
        for table in ["audit_log", "inbound_messages", "receipts"] {
            let sequence = try #require(try await Self.postgres(url, "SELECT pg_get_serial_sequence('\(table)', 'id')").first)
            #expect(try await Self.postgres(url, """
                SELECT COALESCE((SELECT MAX(id) FROM \(table)), 0) < (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM \(sequence))
                """) == ["t"], "\(table)'s next id is past the copied ones")
        }
        #expect(try await Self.postgres(url, "SELECT SUM(messages) FROM message_hours WHERE dimension = 'all'") == [String(after["messages"] ?? -1)],
                "the rollup triggers run again after the move")
        let todayOf = "SELECT count FROM recipient_days WHERE recipient LIKE '%987654321' ORDER BY day DESC LIMIT 1"
        let copiedCount = Int(try await Self.sqlite(sqlite.databasePath, todayOf).first ?? "")
        #expect(copiedCount != nil)
        #expect(Int(try await Self.postgres(url, todayOf).first ?? "") == (copiedCount ?? 0) + next.count, "the recipient's daily count goes on from the copied one")

        // A second move into the now non-empty target is refused and changes nothing.
        let again = try await sqlite.runFailing(["migrate", "--from", "sqlite:" + sqlite.databasePath, "--to", url])
        #expect(again.status != 0)
        #expect(again.error.contains("the target is not empty: table api_keys holds \(after["api_keys"] ?? -1) rows"), "\(again.error)")
        #expect(try await Self.postgresCounts(url) == after)
        for phone in Self.phones + ["0911 222 333"] {
            let digits = phone.replacingOccurrences(of: " ", with: "").dropFirst()
            #expect(!moved.contains(digits) && !again.error.contains(digits) && !again.output.contains(digits), "no phone number printed")
        }
    }

    @Test("a --from that is not an existing sqlite: file, a --to that is not postgres:// or cannot be reached: a clear error, nothing written")
    func badEndpoints() async throws {
        let loa = try LoaBinary()
        try await loa.run(["migrate"])
        let url = try await PostgresNodesTests.freshDatabase()
        let cases: [(arguments: [String], message: String)] = [
            (["--from", loa.databasePath, "--to", url], "--from must be sqlite:PATH"),
            (["--from", "sqlite:" + loa.folder.path("missing.sqlite"), "--to", url], "no such file"),
            (["--from", "sqlite:" + loa.databasePath, "--to", "mysql://loa@127.0.0.1/loa"], "--to must be postgres://"),
            (["--from", "sqlite:" + loa.databasePath], "--from and --to go together"),
            (["--from", "sqlite:" + loa.databasePath, "--to", "postgres://loa:secret@127.0.0.1:\(try Peers.freePort())/loa?sslmode=disable&connect_timeout=1"],
             "PostgreSQL: no connection to postgres://loa:***@127.0.0.1:"),
        ]
        for (arguments, message) in cases {
            let failed = try await loa.runFailing(["migrate"] + arguments)
            #expect(failed.status != 0, "\(arguments)")
            #expect(failed.error.contains(message), "\(arguments): \(failed.error)")
            #expect(!failed.error.contains("secret"), "no password printed")
        }
        #expect(try await Self.postgres(url, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == ["0"], "nothing created in the target")
    }

    @Test("a value the target cannot take stops the move in the middle and leaves the target empty")
    func failureLeavesTargetEmpty() async throws {
        let loa = try LoaBinary()
        _ = try await loa.createKey(role: "ingest")
        try await loa.run(["optouts", "add", "0911 222 333"])
        // SQLite keeps what it is given: a word in an INTEGER column of a table copied after
        // api_keys and audit_log, which are in the target by then.
        _ = try await Self.sqliteWrite(loa.databasePath, "UPDATE residents SET updated_at = 'soon'")
        let url = try await PostgresNodesTests.freshDatabase()
        let failed = try await loa.runFailing(["migrate", "--from", "sqlite:" + loa.databasePath, "--to", url])
        #expect(failed.status != 0)
        #expect(failed.error.contains("residents.updated_at: a SQLite text value cannot go into a PostgreSQL bigint column"), "\(failed.error)")
        #expect(failed.error.contains("api_keys 1/1 rows"), "api_keys was copied before the failure: \(failed.error)")
        #expect(!failed.error.contains("911222333"))
        let counts = try await Self.postgresCounts(url)
        #expect(counts.count == (try await Self.sqliteCounts(loa.databasePath)).count, "the schema is there")
        #expect(counts.values.allSatisfy { $0 == 0 }, "every table is empty: \(counts)")
    }

    /// Runs a statement on the SQLite file with `sqlite3`.
    static func sqliteWrite(_ path: String, _ statement: String) async throws -> Data {
        try await Peers.runCapturing("/usr/bin/sqlite3", [path, statement], input: Data())
    }

    /// Posts one event; returns the ids of the messages it made.
    static func ingest(_ event: [String: Any], at loa: LoaBinary, key: String) async throws -> [String] {
        let reply = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: key, json: event)
        #expect(reply.status == 202)
        return try #require((reply.json["results"] as? [[String: Any]])?.first?["messageIds"] as? [String])
    }

    /// Every Loa table's row count in the SQLite file.
    static func sqliteCounts(_ path: String) async throws -> [String: Int] {
        let tables = try await sqlite(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'grdb_migrations'")
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = Int(try await sqlite(path, "SELECT COUNT(*) FROM \(table)").first ?? "") }
        return counts
    }

    /// Every Loa table's row count in the PostgreSQL database.
    static func postgresCounts(_ url: String) async throws -> [String: Int] {
        let tables = try await postgres(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'loa_migrations'")
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = Int(try await postgres(url, "SELECT COUNT(*) FROM \(table)").first ?? "") }
        return counts
    }

    /// The lines `sqlite3` prints for `query` (columns joined by `|`).
    static func sqlite(_ path: String, _ query: String) async throws -> [String] {
        lines(try await Peers.runCapturing("/usr/bin/sqlite3", ["-readonly", path, query], input: Data()))
    }

    /// The lines `psql` prints for `query` (unaligned, columns joined by `|`).
    static func postgres(_ url: String, _ query: String) async throws -> [String] {
        lines(try await Peers.runCapturing("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-Atc", query], input: Data()))
    }

    private static func lines(_ output: Data) -> [String] {
        String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
