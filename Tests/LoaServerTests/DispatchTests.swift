import Foundation
import LoaCore
import LoaStore
@testable import LoaWorker
import Testing

@Suite("Dispatching through a failing sandbox")
struct DispatchTests {
    @Test("a permanent failure ends the message failed with its reason, after one attempt")
    func permanentFailure() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.permanentFailureRate": "1"])
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("p"))
            let id = try #require((reply.results.first?["messageIds"] as? [String])?.first)
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1)
            let message = try #require(try await harness.gateway.store.message(id: id))
            #expect(message.state == .failed)
            #expect(message.attempts == 1)
            #expect(message.lastError?.contains("sandbox_rejected") == true)
            #expect(try await harness.gateway.store.attempts(messageId: id).map(\.outcome) == [.permanentFailure])
        }
    }

    @Test("a transient failure is retried later with backoff, persisted; exhausted attempts end failed")
    func transientFailure() async throws {
        let harness = try await TestGateway.make([
            "providers.sandbox.transientFailureRate": "1", "retry.normal.maxAttempts": "2",
            "retry.normal.initialDelay": "1h", "retry.jitter": "0",
        ])
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("t"))
            let id = try #require((reply.results.first?["messageIds"] as? [String])?.first)
            let before = Date()
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1)
            let waiting = try #require(try await harness.gateway.store.message(id: id))
            #expect(waiting.state == .pending)
            #expect(waiting.notBefore.timeIntervalSince(before) > 3500)
            #expect(waiting.lastError?.contains("sandbox_unavailable") == true)
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 0)

            // An hour later (as the store sees it), the second and last attempt fails too.
            let store = harness.gateway.store
            let claimed = try await store.claimDue(now: Date().addingTimeInterval(3700), limit: 10, leaseOwner: "test", leaseSeconds: 30)
            #expect(claimed.map(\.attempt) == [2])
            let outcome = try #require(await harness.gateway.dispatcher.submit(claimed[0]))
            try await store.record([outcome])
            let failed = try #require(try await store.message(id: id))
            #expect(failed.state == .failed)
            #expect(failed.lastError?.contains("gave up after 2 attempts") == true)
        }
    }
}

@Suite("Provider limits")
struct ProviderLimitTests {
    @Test("ratePerSecond spaces submissions: 30 messages at 20/s take at least a second")
    func rateLimit() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.ratePerSecond": "20", "providers.sandbox.maxInFlight": "4"])
        let sandbox = try #require(harness.gateway.configuration.providers.first { $0.name == "sandbox" })
        #expect(sandbox.maxInFlight == 4)
        #expect(sandbox.ratePerSecond == 20)
        // 20/s × 60 s lease / 2: a batch is always sent well within its lease.
        #expect(harness.gateway.configuration.dispatch.batchSize == 200)
        let slow = try await TestGateway.make(["providers.sandbox.ratePerSecond": "2"])
        #expect(slow.gateway.configuration.dispatch.batchSize == 60)
        // What waits in flight for a token is bounded the same way.
        let verySlow = try await TestGateway.make(["providers.sandbox.ratePerSecond": "1", "dispatch.lease": "20s"])
        #expect(verySlow.gateway.configuration.dispatch.concurrency == 10)
        try await verySlow.test { _ in }
        try await slow.test { _ in }  // removes its temporary folder
        try await harness.test { api in
            let events = (0..<30).map { SampleEvent.make("r\($0)", dossier: "R-\($0)") }
            _ = try await api.post("/v1/dossier-events", as: "ingest", json: ["events": events])
            let clock = ContinuousClock()
            let start = clock.now
            var sent = 0
            while sent < 30 {
                sent += try await harness.gateway.dispatcher.dispatchDue()
                guard start.duration(to: clock.now) < .seconds(60) else {
                    Issue.record("only \(sent) of 30 messages went out within 60 s")
                    break
                }
            }
            // A burst of 2 goes at once, the other 28 at 20 per second.
            #expect(start.duration(to: clock.now) >= .milliseconds(1300))
        }
    }
}
