import Foundation
@testable import LoaPostgres
import LoaTestSupport
import Logging
import PostgresNIO
import Testing

/// The throwaway PostgreSQL cluster of `scripts/peers/postgres.sh`, found through
/// `LOA_TEST_POSTGRES_URL` (scripts/test exports it). Without it the PostgreSQL tests skip with
/// a reason; under `CI=true` they run and fail.
enum PostgresPeer {
    /// The cluster's URL, when this run has one.
    static var url: String? { ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether the PostgreSQL tests run.
    static var enabled: Bool { Peers.isCI || url != nil }

    static let skipReason: Comment = "LOA_TEST_POSTGRES_URL is not set: start a throwaway cluster with scripts/peers/postgres.sh start and export LOA_TEST_POSTGRES_URL=<the URL it prints> (scripts/test does both); skipping the PostgreSQL store tests"

    static let logger = Logger(label: "loa.test.postgres")

    /// Runs `body` with a migrated store (at most 4 connections, a 1 s wait for one) on a cluster
    /// of its own, which `body` may stop and start; closes the store and removes the cluster after.
    static func withOwnCluster(_ body: (PostgresCluster, PostgresStore) async throws -> Void) async throws {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        try await cluster.start()
        let store = try PostgresStore(url: cluster.url("connect_timeout=1&pool=4"), logger: logger)
        do {
            try await store.migrate()
            try await body(cluster, store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// The URL of `database` on the same cluster, with at most `pool` connections when given.
    static func url(database: String, pool: Int? = nil) throws -> String {
        guard let base = url, var components = URLComponents(string: base) else {
            throw HarnessError("LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start prints it)")
        }
        components.path = "/" + database
        if let pool { components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "pool", value: String(pool))] }
        return components.string!
    }

    /// A new, empty database of its own, dropped by ``drop(_:)``; returns its name.
    static func createDatabase() async throws -> String {
        let name = "loa_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await administer("CREATE DATABASE \(name)")
        return name
    }

    /// Drops a database made by ``createDatabase()`` (closing what is still connected to it).
    static func drop(_ name: String) async throws {
        try await administer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement on the cluster's `postgres` database, outside any transaction.
    static func administer(_ statement: String) async throws {
        let client = PostgresClient(configuration: try PostgresURL.parse(try url(database: "postgres")), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// Runs `body` with a fresh migrated store on a database of its own, then closes and drops it.
    static func withFreshStore<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        try await withNodes(1, migrated: true) { try await body($0[0]) }
    }

    /// Runs `body` with `count` stores (each a pool of its own, as separate nodes) on one new
    /// database, migrated by the first when `migrated`; then closes them and drops the database.
    static func withNodes<T: Sendable>(_ count: Int, migrated: Bool, _ body: ([PostgresStore]) async throws -> T) async throws -> T {
        let database = try await createDatabase()
        // A few connections per node: the suite runs many cases at once against one cluster.
        let url = try url(database: database, pool: 4)
        var nodes: [PostgresStore] = []
        do {
            for _ in 0..<count { nodes.append(try PostgresStore(url: url, logger: logger)) }
            if migrated { try await nodes[0].migrate() }
            let value = try await body(nodes)
            for node in nodes { await node.close() }
            try await drop(database)
            return value
        } catch {
            for node in nodes { await node.close() }
            try? await drop(database)
            throw error
        }
    }
}
