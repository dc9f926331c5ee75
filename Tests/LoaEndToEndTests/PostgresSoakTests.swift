import Foundation
import LoaCore
import LoaPeers
import LoaPostgres
import LoaTestSupport
import Logging
import Testing

/// Three `loa serve` nodes sharing one PostgreSQL cluster of the test's own drain a burst of
/// 20,000 events to a loopback Kannel while one node is killed with `kill -9` and PostgreSQL
/// itself is stopped and started: every event makes one message, every message is delivered,
/// submitted once besides the resends of attempts left in doubt.
@Suite("Three nodes over one PostgreSQL: kill -9 and a database restart", .serialized, .timeLimit(.minutes(15)),
       .enabled(if: Peers.isCI || ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] != nil,
                "LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start, or run scripts/test); skipping the PostgreSQL soak"))
struct PostgresSoakTests {
    static let eventCount = 20_000

    @Test("20,000 events over three nodes, one killed with kill -9, PostgreSQL restarted: nothing lost, nothing sent twice beyond the in-doubt count")
    func threeNodes() async throws {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        try await cluster.start()
        let url = cluster.url("connect_timeout=2")
        let kannel = try await FakeKannel.start()
        let config = try Burst.configuration(sendingThrough: kannel, extra: ["timeout: 2s"])
        defer { try? FileManager.default.removeItem(at: config) }

        let ports = try (0..<3).map { _ in try Peers.freePort() }
        let nodes = try ports.map { port in
            try LoaBinary(environment: [
                // Long enough for three nodes on two busy cores; a killed node's messages come back after it.
                "LOA_DISPATCH_LEASE": "10s",
                "LOA_DISPATCH_POLL": "20ms",
                "LOA_RETRY_NORMAL_INITIAL_DELAY": "20ms",
                "LOA_RETRY_NORMAL_MAX_DELAY": "200ms",
                "LOA_RETRY_NORMAL_MAX_ATTEMPTS": "40",
                // Receipts come back to the node that sent the message.
                "LOA_PROVIDERS_KANNEL_RECEIPT_URL": "http://127.0.0.1:\(port)",
            ], configPath: config.path, database: url)
        }
        let ingest = try await nodes[0].createKey(role: "ingest")
        let operatorKey = try await nodes[0].createKey(role: "operator")
        for (node, port) in zip(nodes, ports) { try await node.start(port: port) }

        let batches = try Burst.batches(eventCount: Self.eventCount, size: 25)
        let burst = Burst(batchCount: batches.count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await burst.post(batches, to: ports.map { "http://127.0.0.1:\($0)/v1/dossier-events" }, key: ingest) }
            group.addTask {
                try await Self.until("2,000 events accepted") { burst.acceptedCount >= 2_000 }
                await nodes[1].kill9()
                try await Self.until("4,000 events accepted") { burst.acceptedCount >= 4_000 }
                try await nodes[1].start(port: ports[1])
                try await Self.until("6,000 events accepted") { burst.acceptedCount >= 6_000 }
                try await cluster.stop()
                // Back once a node has seen it away.
                try await Self.until("a node answering 503") {
                    (try? await HTTPJSON.send(.GET, "http://127.0.0.1:\(ports[2])/v1/status", key: operatorKey, timeout: 10))?.status == 503
                }
                try await cluster.start()
            }
            try await group.waitForAll()
        }

        let store = try PostgresStore(url: url, logger: Logger(label: "loa.test.soak"))
        let counts = try await burst.drain(store, within: .seconds(300))
        for node in nodes { #expect(await node.terminate() == 0) }
        let inDoubt = try await burst.verify(store, eventCount: Self.eventCount, counts: counts)
        await store.close()
        let statistics = kannel.statistics
        try await kannel.stop()
        print("postgres soak: \(Self.eventCount) events over 3 nodes, 1 kill -9, 1 database restart; \(burst.summary(inDoubt: inDoubt, counts: counts)); provider: \(statistics)")
        #expect(statistics.distinctMessages == Self.eventCount)
        #expect(statistics.duplicates <= inDoubt, "the provider accepted \(statistics.duplicates) duplicates, more than the \(inDoubt) in-doubt resends")
        #expect(statistics.receiptsAbandoned == 0)
        for node in nodes { #expect(!node.logs().contains("912345678")) }
    }

    /// Polls `condition` every 50 ms; a condition not met within five minutes fails the test, named.
    static func until(_ what: String, _ condition: () async -> Bool) async throws {
        let started = ContinuousClock.now
        while !(await condition()) {
            guard ContinuousClock.now - started < .seconds(300) else { throw HarnessError("not reached in 300 s: \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
