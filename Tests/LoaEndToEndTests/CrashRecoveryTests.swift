import Foundation
import LoaCore
import LoaPeers
import LoaStore
import Synchronization
import LoaTestSupport
import Testing

/// `kill -9` during a burst: every event answered `accepted` produces its messages exactly once,
/// and every message reaches a final state once leases have lapsed.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    static let batchSize = 25

    @Test("kill -9 three times during a burst of 6000 events loses and duplicates nothing")
    func killDuringBurst() async throws {
        try await burst(eventCount: 6000, kills: 3, environment: [:])
    }

    @Test("soak: 20000 events through Kannel's protocol, 30% of submissions failing (503, hang, reset, 429), kill -9 five times")
    func soak() async throws {
        let kannel = try await FakeKannel.start(settings: .init(faults: .everyKind(share: 0.3, hangFor: .seconds(3))))
        let port = try Peers.freePort()
        let config = try Burst.configuration(sendingThrough: kannel, extra: ["receiptURL: http://127.0.0.1:\(port)", "timeout: 1s"])
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try await burst(eventCount: 20_000, kills: 5, port: port, configPath: config.path, environment: [
            "LOA_RETRY_NORMAL_INITIAL_DELAY": "20ms",
            "LOA_RETRY_NORMAL_MAX_DELAY": "200ms",
            "LOA_RETRY_NORMAL_MAX_ATTEMPTS": "40",
        ])
        let statistics = kannel.statistics
        try await kannel.stop()
        print("soak provider: \(statistics)")
        #expect(statistics.distinctMessages == 20_000)
        #expect(statistics.duplicates <= result.inDoubt, "the provider accepted \(statistics.duplicates) duplicates, more than the \(result.inDoubt) in-doubt resends")
        #expect(statistics.receiptsAbandoned == 0)
        for kind in ["503", "hang", "reset", "429"] {
            #expect(statistics.faults[kind, default: 0] > 0, "no \(kind) fault was injected: \(statistics.faults)")
        }
    }

    /// Posts `eventCount` events in batches from four clients while killing the server `kills`
    /// times, then checks that every event made exactly one message and every message ended
    /// delivered, each submitted successfully once, besides the resends of in-doubt attempts.
    @discardableResult
    func burst(
        eventCount: Int, kills: Int, port requestedPort: Int = 0, configPath: String? = nil, environment: [String: String]
    ) async throws -> (inDoubt: Int, counts: [MessageState: Int]) {
        var settings = [
            "LOA_DISPATCH_LEASE": "2s",
            "LOA_DISPATCH_POLL": "20ms",
            "LOA_DATABASE_SYNCHRONOUS": "full",
        ]
        // The shipped configuration sends through the sandbox; a variable for a provider the
        // configuration does not have would be refused.
        if configPath == nil { settings["LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY"] = "0s" }
        let loa = try LoaBinary(environment: settings.merging(environment) { $1 }, configPath: configPath)
        let key = try await loa.createKey(role: "ingest")
        try await loa.start(port: requestedPort)
        let port = loa.port
        let url = "http://127.0.0.1:\(port)/v1/dossier-events"

        let batches = try Burst.batches(eventCount: eventCount, size: Self.batchSize)
        let burst = Burst(batchCount: batches.count)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await burst.post(batches, to: [url], key: key) }
            group.addTask {
                for _ in 0..<kills {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...700)))
                    await loa.kill9()
                    try await Task.sleep(for: .milliseconds(200))
                    try await loa.start(port: port)
                }
            }
            try await group.waitForAll()
        }

        let store = try SQLiteStore(path: loa.databasePath)
        let counts = try await burst.drain(store, within: .seconds(120))
        #expect(await loa.terminate() == 0)
        let inDoubt = try await burst.verify(store, eventCount: eventCount, counts: counts)
        defer { print("crash recovery: \(eventCount) events, \(kills) kills, \(burst.summary(inDoubt: inDoubt, counts: counts))") }
        return (inDoubt, counts)
    }
}
