import Foundation
import LoaCore
@testable import LoaPostgres
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// A report found by the provider's id only, racing the submit answer that gives its message
/// that id, from two nodes: under READ COMMITTED neither side could see the other's uncommitted
/// write, and a report kept as waiting could be missed by the answer's look for waiting reports.
@Suite("PostgreSQL store: reports racing their submit answers", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason),
       .timeLimit(.minutes(5)))
struct ProviderIdRaceTests {
    @Test("every report is applied, whichever of report and answer commits first")
    func reportsRacingAnswers() async throws {
        try await PostgresPeer.withNodes(2, migrated: true) { nodes in
            let count = 300
            let ids = (0..<count).map { "race-\($0)" }
            try await Fixtures.insert(nodes[0], ids.map { Fixtures.message(id: $0, notBefore: Fixtures.now) })
            let claimed = try await nodes[0].claimDue(now: Fixtures.now, limit: count, leaseOwner: "w", leaseSeconds: 300)
            #expect(claimed.count == count)
            let outcomes = claimed.map {
                AttemptOutcome(messageId: $0.message.id, attempt: $0.attempt, provider: "p",
                               result: .sent(providerMessageId: "pid-" + $0.message.id), finishedAt: Fixtures.now)
            }
            // Answers in batches of 30 on one node; reports one by one on the other, in the same
            // order, so that each report lands near its answer.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for start in stride(from: 0, to: count, by: 30) {
                        try await nodes[0].record(Array(outcomes[start..<min(start + 30, count)]))
                    }
                }
                group.addTask {
                    for id in ids {
                        _ = try await nodes[1].record([Fixtures.receipt(providerMessageId: "pid-" + id, .delivered)])
                    }
                }
                try await group.waitForAll()
            }
            var notDelivered: [String] = []
            for id in ids {
                let message = try await nodes[0].message(id: id)
                if message?.state != .delivered { notDelivered.append("\(id): \(String(describing: message?.state))") }
            }
            #expect(notDelivered.isEmpty, "reports left waiting: \(notDelivered.prefix(10))")
        }
    }

    @Test("the lock key depends on provider and id, and the separator keeps them apart")
    func lockKeys() {
        let key = PostgresStore.providerIdLockKey(provider: "p", providerMessageId: "1")
        #expect(key == PostgresStore.providerIdLockKey(provider: "p", providerMessageId: "1"))
        #expect(key != PostgresStore.providerIdLockKey(provider: "q", providerMessageId: "1"))
        #expect(PostgresStore.providerIdLockKey(provider: "ab", providerMessageId: "c") != PostgresStore.providerIdLockKey(provider: "a", providerMessageId: "bc"))
    }
}
