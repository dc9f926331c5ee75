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
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("loa-soak-\(UUID().uuidString).yaml")
        try """
            dispatch:
              provider: kannel
            providers:
              kannel:
                type: kannel
                url: \(kannel.sendURL)
                username: loa
                password: loa-secret
                receiptSecret: soak-test-receipt-secret-of-32-bytes-or-more
                receiptURL: http://127.0.0.1:\(port)
                timeout: 1s
            """.write(to: config, atomically: true, encoding: .utf8)
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

        let batches: [Data] = try stride(from: 0, to: eventCount, by: Self.batchSize).map { start in
            let events = (start..<min(start + Self.batchSize, eventCount)).map { index in
                Events.make("crash-\(index)", dossier: "CRASH-\(index)", locale: index % 2 == 0 ? "vi" : "hmn", status: 9)
            }
            return try JSONSerialization.data(withJSONObject: ["events": events])
        }
        let burst = Burst(batchCount: batches.count)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let index = burst.queue.withLock({ $0.popLast() }) {
                        do {
                            let reply = try await HTTPJSON.send(.POST, url, key: key, body: batches[index], timeout: 10)
                            guard reply.status == 202 else { throw HarnessError("status \(reply.status)") }
                            for result in reply.json["results"] as? [[String: Any]] ?? [] {
                                let eventId = result["eventId"] as? String ?? "?"
                                switch result["outcome"] as? String {
                                case "accepted": burst.accepted.withLock { $0[eventId] = result["messageIds"] as? [String] ?? [] }
                                case "duplicate": burst.duplicates.withLock { _ = $0.insert(eventId) }
                                default: throw HarnessError("unexpected result \(result)")
                                }
                            }
                        } catch {
                            // No answer (the server was killed): send the whole batch again later.
                            burst.queue.withLock { $0.insert(index, at: 0) }
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                }
            }
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

        // Wait until nothing is pending or sending (lapsed leases come back by themselves).
        let store = try SQLiteStore(path: loa.databasePath)
        let deadline = Date().addingTimeInterval(120)
        var counts = try await store.countsByState()
        while Date() < deadline, (counts[.pending] ?? 0) + (counts[.sending] ?? 0) + (counts[.sent] ?? 0) > 0 {
            try await Task.sleep(for: .milliseconds(200))
            counts = try await store.countsByState()
        }
        #expect(await loa.terminate() == 0)

        let acceptedEvents = burst.accepted.withLock { $0 }
        let total = counts.values.reduce(0, +)
        // Every event got in exactly once (accepted in an answered request, or in one whose
        // answer was lost, which the retry then reports as duplicate).
        #expect(Set(acceptedEvents.keys).union(burst.duplicates.withLock { $0 }).count == eventCount)
        #expect(total == eventCount, "messages by state: \(counts)")
        #expect(counts[.delivered] == eventCount, "messages by state: \(counts)")
        for (eventId, ids) in acceptedEvents {
            #expect(ids.count == 1, "\(eventId) produced \(ids)")
            let dossier = "CRASH-" + eventId.dropFirst("crash-".count)
            let stored = try await store.messages(dossierCode: dossier, commune: nil)
            #expect(stored.map(\.id) == ids, "\(eventId): stored \(stored.map(\.id)) answered \(ids)")
        }
        let inDoubt = try await store.inDoubtAttemptCount()
        var resent = 0
        for (_, ids) in acceptedEvents {
            guard let id = ids.first else { continue }
            let attempts = try await store.attempts(messageId: id)
            // Accepted once by an answered attempt, or by one a kill left in doubt; never left open.
            let sent = attempts.filter { $0.outcome == .sent }.count
            let doubted = attempts.contains { $0.outcome == .inDoubt }
            #expect(sent == 1 || (sent == 0 && doubted), "\(id) was accepted by the provider \(sent) times: \(attempts.map(\.outcome))")
            #expect(!attempts.contains { $0.outcome == .open }, "\(id) has an attempt left open: \(attempts.map(\.outcome))")
            resent += attempts.filter { $0.outcome == .inDoubt }.count
        }
        #expect(resent <= inDoubt)
        let lostAnswers = burst.duplicates.withLock { $0.count }
        defer { print("crash recovery: \(eventCount) events, \(kills) kills, \(acceptedEvents.count) accepted in answered requests, \(lostAnswers) accepted in requests whose answer the kill cut off, \(inDoubt) in-doubt attempts resent (possible duplicates at the provider), final states \(counts)") }
        return (inDoubt, counts)
    }
}

/// What the posting tasks share: batches still to send, and what the server answered.
final class Burst: Sendable {
    let queue: Mutex<[Int]>
    let accepted = Mutex([String: [String]]())
    let duplicates = Mutex(Set<String>())

    init(batchCount: Int) {
        queue = Mutex(Array(0..<batchCount))
    }
}
