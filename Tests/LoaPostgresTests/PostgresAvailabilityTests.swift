import Foundation
import LoaCore
import LoaPostgres
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// The PostgreSQL store on a cluster of the test's own, stopped and started again: operations
/// fail as unavailable within `connect_timeout` while it is away, commit nothing, and work again
/// once it is back, on the same store (the pool reconnects by itself).
@Suite("PostgreSQL store while the database restarts", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason),
       .timeLimit(.minutes(5)))
struct PostgresAvailabilityTests {
    @Test("a node started while the database is away: migrate fails after its wait instead of waiting for ever")
    func migrateWhileAway() async throws {
        // Nothing listens on this port.
        let url = "postgres://loa@127.0.0.1:\(try Peers.freePort())/loa?sslmode=disable&connect_timeout=1"
        let store = try PostgresStore(url: url, migrationWait: .seconds(2), logger: PostgresPeer.logger)
        await #expect(throws: StoreUnavailableError.self) { try await store.migrate() }
        await store.close()
    }

    @Test("away: StoreUnavailableError within connect_timeout and nothing written; back: the same store works again")
    func restart() async throws {
        try await PostgresPeer.withOwnCluster { cluster, store in
            try await Fixtures.insert(store, [Fixtures.message(id: "before", notBefore: Fixtures.now)])

            try await cluster.stop()
            let started = ContinuousClock.now
            await #expect(throws: StoreUnavailableError.self) {
                try await Fixtures.insert(store, [Fixtures.message(id: "away", notBefore: Fixtures.now)])
            }
            await #expect(throws: StoreUnavailableError.self) { _ = try await store.message(id: "before") }
            let waited = ContinuousClock.now - started
            // Two operations, each bounded by connect_timeout (1 s), not the pool's minute-long breaker.
            #expect(waited < .seconds(20), "waited \(waited)")

            try await cluster.start()
            var back: StoredMessage?
            for _ in 0..<60 where back == nil {
                do { back = try await store.message(id: "before") } catch is StoreUnavailableError { continue }
            }
            #expect(back?.state == .pending)
            let away = try await store.message(id: "away")
            #expect(away == nil)
            try await Fixtures.insert(store, [Fixtures.message(id: "after", notBefore: Fixtures.now)])
            let claimed = try await store.claimDue(now: Fixtures.now, limit: 10, leaseOwner: "node", leaseSeconds: 30)
            #expect(Set(claimed.map(\.message.id)) == ["before", "after"])
        }
    }
}

/// Test processes killed before their `defer` left clusters running under /tmp; the next test
/// process stops and removes them.
@Suite("PostgreSQL test clusters left behind")
struct AbandonedClusterTests {
    @Test("a cluster whose owner process is gone is removed; one whose owner runs stays")
    func abandonedClustersAreRemoved() throws {
        let live = try PostgresCluster()
        defer { live.remove() }
        try FileManager.default.createDirectory(atPath: live.directory, withIntermediateDirectories: true)
        let abandoned = PostgresCluster.folderPrefix + "gone-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: true)
        // This process's id with another start time: the owner was a process gone since, whose id was reused.
        try "\(getpid()) 0".write(toFile: abandoned + ".owner", atomically: true, encoding: .utf8)
        PostgresCluster.removeAbandoned()
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(!FileManager.default.fileExists(atPath: abandoned + ".owner"))
        #expect(FileManager.default.fileExists(atPath: live.directory))
        #expect(FileManager.default.fileExists(atPath: live.directory + ".owner"))
    }
}
