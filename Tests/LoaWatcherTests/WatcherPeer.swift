import Foundation
@testable import LoaPostgres
import LoaTestSupport
import Logging
import PostgresNIO
import Testing

/// The watched database's PostgreSQL 15: a cluster of each test's own (``PostgresCluster``,
/// scripts/peers/postgres.sh in a folder and on a port of its own), which a test may stop and
/// start without disturbing the store tests' shared cluster; removed after the test.
///
/// Runs where the PostgreSQL tests run (`LOA_TEST_POSTGRES_URL` set, as scripts/test does) and
/// always under `CI=true`; otherwise the suite skips with a reason.
enum WatcherPeer {
    static var enabled: Bool {
        Peers.isCI || !(ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] ?? "").isEmpty
    }

    static let skipReason: Comment = "LOA_TEST_POSTGRES_URL is not set: the watcher tests start PostgreSQL clusters of their own with scripts/peers/postgres.sh when the PostgreSQL tests run (scripts/test sets it); skipping"

    static let logger = Logger(label: "loa.test.watcher-peer")

    /// Starts a cluster of its own with a `dossiers` table in its `loa` database and runs `body`
    /// with a client on it; stops and removes the cluster afterwards.
    static func withSource<T: Sendable>(_ body: (SourceDatabase) async throws -> T) async throws -> T {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        try await cluster.start()
        let source = try SourceDatabase(cluster: cluster)
        return try await source.run { try await body(source) }
    }
}

/// The watched database: a `dossiers` table as a one-stop-shop system might keep it, and a pool
/// of connections to change it from several connections at once.
struct SourceDatabase: Sendable {
    let cluster: PostgresCluster
    let client: PostgresClient
    var url: String { cluster.url() }

    init(cluster: PostgresCluster) throws {
        self.cluster = cluster
        var configuration = try PostgresURL.parse(cluster.url())
        configuration.options.maximumConnections = 8
        client = PostgresClient(configuration: configuration, backgroundLogger: WatcherPeer.logger)
    }

    /// Runs the pool around `body`, after creating the table.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await execute("""
                CREATE TABLE dossiers (
                    id BIGSERIAL PRIMARY KEY,
                    code TEXT NOT NULL,
                    status INT NOT NULL,
                    procedure TEXT NOT NULL DEFAULT 'cccd_issue',
                    commune TEXT NOT NULL DEFAULT 'na-u',
                    phone TEXT NOT NULL,
                    name TEXT NOT NULL,
                    locale TEXT NOT NULL DEFAULT 'vi',
                    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            return try await body()
        }
    }

    func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: WatcherPeer.logger)
    }

    /// Inserts dossiers `first..<first+count` (code `D-<n>`, phone 09123<5 digits of n>) with `status`.
    func insert(_ numbers: Range<Int>, status: Int, into table: String = "dossiers") async throws {
        let values = numbers.map { "('D-\($0)', \(status), '\(SourceDatabase.phone($0))', 'Giàng A Páo \($0)')" }.joined(separator: ", ")
        try await execute("INSERT INTO \(table) (code, status, phone, name) VALUES \(values)")
    }

    /// Moves dossier `n` to `status`, stamping it now.
    func update(_ number: Int, status: Int) async throws {
        try await execute("UPDATE dossiers SET status = \(status), updated_at = now() WHERE code = 'D-\(number)'")
    }

    static func phone(_ number: Int) -> String { String(format: "09123%05d", number) }

    /// Runs `body` on one connection inside a transaction it commits afterwards.
    func transaction(_ body: (PostgresConnection) async throws -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: WatcherPeer.logger)
            try await body(connection)
            try await connection.query("COMMIT", logger: WatcherPeer.logger)
        }
    }

    /// Whether a session of this database is listening (its last statement was a LISTEN).
    func someoneListens(on channel: String) async throws -> Bool {
        let rows = try await client.query("""
            SELECT count(*)::bigint FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE \("LISTEN%" + channel + "%")
            """, logger: WatcherPeer.logger)
        for try await count in rows.decode(Int64.self) { return count > 0 }
        return false
    }

    /// How many triggers and functions named `name` the database has.
    func triggerObjects(named name: String) async throws -> (triggers: Int64, functions: Int64) {
        let rows = try await client.query("""
            SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = \(name))::bigint, (SELECT count(*) FROM pg_proc WHERE proname = \(name))::bigint
            """, logger: WatcherPeer.logger)
        for try await (triggers, functions) in rows.decode((Int64, Int64).self) { return (triggers, functions) }
        return (0, 0)
    }
}
