import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import LoaWorker
import Logging
import Testing

@Suite("Routing: failover to the next provider, circuits, provider status")
struct RoutingTests {
    /// Two sandboxes: `down` fails every submission transiently, `sandbox` works.
    static let twoProviders = [
        "providers.down.type": "sandbox", "providers.down.transientFailureRate": "1",
        "providers.down.circuit.failures": "2", "providers.down.circuit.coolDown": "30s",
        "retry.normal.initialDelay": "1h", "retry.jitter": "0",
    ]

    /// A dispatcher on the gateway's providers whose weighted draw always picks the route's first
    /// provider, on `clock`.
    static func dispatcher(_ harness: TestGateway, clock: ManualClock, concurrency: Int = 64) -> Dispatcher {
        let pool = ProviderPool(
            registry: harness.gateway.providers, configuration: harness.gateway.configuration,
            now: { clock.now }, draw: { 0 })
        var logger = Logger(label: "loa-test")
        logger.logLevel = .warning
        return Dispatcher(
            outbox: harness.gateway.store, providers: pool, retry: harness.gateway.configuration.retry,
            settings: DispatchSettings(concurrency: concurrency), logger: logger, now: { clock.now })
    }

    static func ingest(_ api: APIClient, _ count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e\(index)", dossier: "R-\(index)"))
            ids += try #require(reply.results.first?["messageIds"] as? [String])
        }
        return ids
    }

    @Test("a transient failure fails over at once to the route's next provider; each attempt records its provider")
    func failover() async throws {
        let harness = try await TestGateway.make(Self.twoProviders.merging(["routes.default": "down,sandbox"]) { $1 })
        try await harness.test { api in
            let id = try #require(try await Self.ingest(api, 1).first)
            let clock = ManualClock(Date())
            let dispatcher = Self.dispatcher(harness, clock: clock)
            #expect(try await dispatcher.dispatchDue() == 1)
            let waiting = try #require(try await harness.gateway.store.message(id: id))
            #expect(waiting.state == .pending)
            #expect(waiting.notBefore.timeIntervalSince(clock.now) < 1, "failing over does not wait for the retry backoff")
            #expect(try await dispatcher.dispatchDue() == 1)
            let attempts = try await harness.gateway.store.attempts(messageId: id)
            #expect(attempts.map(\.provider) == ["down", "sandbox"])
            #expect(attempts.map(\.outcome) == [.transientFailure, .sent])
            #expect(try await harness.gateway.store.message(id: id)?.provider == "sandbox")
        }
    }

    @Test("a second transient failure waits its backoff instead of spending every attempt at once")
    func backoffAfterFailover() async throws {
        let harness = try await TestGateway.make(Self.twoProviders.merging([
            "providers.also-down.type": "sandbox", "providers.also-down.transientFailureRate": "1",
            "routes.default": "down,also-down",
        ]) { $1 })
        try await harness.test { api in
            let id = try #require(try await Self.ingest(api, 1).first)
            let clock = ManualClock(Date())
            let dispatcher = Self.dispatcher(harness, clock: clock)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(try await dispatcher.dispatchDue() == 1)
            let waiting = try #require(try await harness.gateway.store.message(id: id))
            #expect(waiting.state == .pending)
            #expect(waiting.notBefore.timeIntervalSince(clock.now) > 3000)
            #expect(try await harness.gateway.store.attempts(messageId: id).map(\.provider) == ["down", "also-down"])
        }
    }

    @Test("an open circuit defers messages without using an attempt, then lets one probe through after its cool-down")
    func circuit() async throws {
        let harness = try await TestGateway.make(Self.twoProviders.merging(["routes.default": "down"]) { $1 })
        try await harness.test { api in
            let ids = try await Self.ingest(api, 3)
            let clock = ManualClock(Date())
            // One at a time, so the breaker sees each failure before the next submission.
            let dispatcher = Self.dispatcher(harness, clock: clock, concurrency: 1)
            #expect(try await dispatcher.dispatchDue() == 3)
            let store = harness.gateway.store
            let failed = try await [store.message(id: ids[0]), store.message(id: ids[1])].compactMap { $0 }
            #expect(failed.map(\.attempts) == [1, 1])
            let deferred = try #require(try await store.message(id: ids[2]))
            #expect(deferred.state == .pending)
            #expect(deferred.attempts == 0, "a deferral is not an attempt")
            #expect(deferred.lastError?.contains("circuitOpen") == true)
            #expect(try await store.attempts(messageId: ids[2]).isEmpty)
            #expect(abs(deferred.notBefore.timeIntervalSince(clock.now) - 30) < 1, "due again when the probe is")
            let status = try #require(dispatcher.providers.statuses().first { $0.name == "down" })
            #expect(status.circuit == .open)
            #expect(status.recentFailures == 2)

            // After the cool-down: one probe; it fails too, and the circuit opens again.
            clock.advance(by: 31)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(try await store.attempts(messageId: ids[2]).map(\.provider) == ["down"])
            #expect(dispatcher.providers.statuses().first { $0.name == "down" }?.circuit == .open)
        }
    }

    @Test("GET /v1/providers shows each provider's circuit, recent errors and the routes, to operators only")
    func providersRoute() async throws {
        let harness = try await TestGateway.make(Self.twoProviders.merging([
            "providers.down.circuit.failures": "1", "routes.default": "down", "routes.viettel": "sandbox:3,down",
        ]) { $1 })
        try await harness.test { api in
            _ = try await Self.ingest(api, 1)
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1)
            #expect(try await api.request(.get, "/v1/providers", as: "officer").status == .forbidden)
            let reply = try await api.request(.get, "/v1/providers", as: "operator")
            #expect(reply.status == .ok)
            let providers = try #require(reply.json["providers"] as? [[String: Any]])
            let down = try #require(providers.first { $0["name"] as? String == "down" })
            #expect(down["type"] as? String == "sandbox")
            #expect(down["circuit"] as? String == "open")
            #expect(down["recentFailures"] as? Int == 1)
            #expect((down["lastError"] as? String)?.contains("sandbox_unavailable") == true)
            #expect(providers.first { $0["name"] as? String == "sandbox" }?["circuit"] as? String == "closed")
            let routes = try #require(reply.json["routes"] as? [String: [[String: Any]]])
            #expect(routes["default"]?.map { $0["provider"] as? String } == ["down"])
            #expect(routes["viettel"]?.map { $0["weight"] as? Int } == [3, 1])
        }
    }
}
