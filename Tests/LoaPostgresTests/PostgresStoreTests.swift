import Foundation
import LoaCore
import LoaPostgres
import LoaStore
import LoaStoreConformance
import Testing

/// The store conformance suite against the PostgreSQL driver, each case on a database of its
/// own in the throwaway cluster of scripts/peers/postgres.sh; then what only several nodes
/// sharing one database can show.
@Suite("PostgreSQL store", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason), .timeLimit(.minutes(10)))
struct PostgresStoreTests {
    @Test("conformance", arguments: StoreConformance.all)
    func conformance(_ behaviour: StoreConformance) async throws {
        try await PostgresPeer.withFreshStore { store in try await behaviour.check(store) }
    }

    @Test("nodes migrating at once apply each migration once, and again is harmless")
    func concurrentMigrations() async throws {
        try await PostgresPeer.withNodes(4, migrated: false) { nodes in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for node in nodes { group.addTask { try await node.migrate() } }
                try await group.waitForAll()
            }
            try await Fixtures.insert(nodes[0], [Fixtures.message(id: "m1", notBefore: Fixtures.now)])
            try await nodes[1].migrate()
            #expect(try await nodes[2].message(id: "m1")?.state == .pending)
        }
    }

    @Test("nodes claiming at once on connections of their own never claim a message twice, then or after leases lapse")
    func claimExclusivityAcrossNodes() async throws {
        try await PostgresPeer.withNodes(4, migrated: true) { nodes in
            let now = Fixtures.now
            let count = 600
            try await Fixtures.insert(nodes[0], (0..<count).map { Fixtures.message(id: "m\($0)", notBefore: now) })
            // Each node claims in small batches until nothing is left, all at once.
            let first = try await Self.drain(nodes, now: now)
            #expect(first.count == count)
            #expect(Set(first).count == count)
            // Every node "dies": their leases lapse and live nodes take the messages back, each once.
            let later = now.addingTimeInterval(60)
            let second = try await Self.drain(nodes, now: later, ownerPrefix: "second")
            #expect(second.count == count)
            #expect(Set(second).count == count)
            #expect(try await nodes[3].inDoubtAttemptCount() == count)
            #expect(try await nodes[3].openAttemptCount() == count)
            #expect(try await nodes[2].countsByState() == [.sending: count])
        }
    }

    @Test("a node listening for new messages is woken when another node commits some")
    func newMessagesWakeOtherNodes() async throws {
        try await PostgresPeer.withNodes(2, migrated: true) { nodes in
            let (wakes, wake) = AsyncStream<Void>.makeStream()
            let listening = Task { try await nodes[0].listenForNewMessages { wake.yield() } }
            defer { listening.cancel() }
            var iterator = wakes.makeAsyncIterator()
            // The first wake comes when listening starts (whatever was committed before is due now).
            await iterator.next()
            try await Fixtures.insert(nodes[1], [Fixtures.message(id: "m1", notBefore: Fixtures.now)])
            // Waits for the notification itself; without one this never returns and the test times out.
            await iterator.next()
            #expect(try await nodes[0].message(id: "m1")?.state == .pending)
        }
    }

    /// Claims with every node at once until none finds anything; the ids each claim took, all together.
    private static func drain(_ nodes: [PostgresStore], now: Date, ownerPrefix: String = "node") async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, node) in nodes.enumerated() {
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let claimed = try await node.claimDue(now: now, limit: 9, leaseOwner: "\(ownerPrefix)-\(index)", leaseSeconds: 30)
                        if claimed.isEmpty { return mine }
                        mine += claimed.map(\.message.id)
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
