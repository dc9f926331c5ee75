public import CoreMetrics
public import Foundation
public import LoaConfig
public import LoaCore
public import LoaProviders
import Synchronization

/// The providers the dispatcher sends through, with what stands between a message and each of
/// them: the route its recipient takes, each provider's circuit breaker, rate and in-flight limit.
///
/// ```swift
/// let pool = ProviderPool(registry: registry, configuration: configuration)
/// let route = pool.candidates(for: recipient, failedOn: nil)        // ["viettel-smpp", "esms"]
/// let chosen = pool.reserve(route)                                   // "viettel-smpp" unless its circuit opened
/// let id = try await pool.submit(request, on: chosen!)                // throttled, counted, breaker fed
/// ```
public final class ProviderPool: Sendable {
    /// One provider and its limits.
    struct Lane: Sendable {
        let provider: any SMSProvider
        let type: String
        let sender: String
        let throttle: ProviderThrottle?
        let slots: InFlightLimit?
    }

    let lanes: [String: Lane]
    /// Which providers each recipient's messages go through.
    public let routing: RoutingTable
    private let health: Mutex<[String: ProviderHealth]>
    private let now: @Sendable () -> Date
    /// Draws the weighted first choice (0..<1).
    private let draw: @Sendable () -> Double
    private let timings: SubmissionTimings

    /// Builds the lanes of every provider `registry` holds, with the limits `configuration`
    /// gives them, routed by `configuration.routing`; `draw` picks first choices by weight;
    /// submission durations go to `metrics` (``SubmissionTimings``).
    public convenience init(
        registry: ProviderRegistry, configuration: GatewayConfiguration, now: @escaping @Sendable () -> Date = { Date() },
        draw: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        var lanes: [String: Lane] = [:]
        var breakers: [String: CircuitBreaker] = [:]
        for configured in configuration.providers {
            guard let provider = registry.provider(named: configured.name) else { continue }
            lanes[configured.name] = Lane(
                provider: provider, type: configured.type, sender: configured.sender,
                throttle: configured.ratePerSecond.map(ProviderThrottle.init(ratePerSecond:)),
                slots: configured.maxInFlight.map(InFlightLimit.init(limit:)))
            breakers[configured.name] = CircuitBreaker(
                threshold: configured.circuitFailures, coolDownSeconds: configured.circuitCoolDownSeconds)
        }
        self.init(lanes: lanes, breakers: breakers, routing: configuration.routing, now: now, draw: draw, metrics: metrics)
    }

    init(
        lanes: [String: Lane], breakers: [String: CircuitBreaker], routing: RoutingTable,
        now: @escaping @Sendable () -> Date, draw: @escaping @Sendable () -> Double,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.lanes = lanes
        self.routing = routing
        self.now = now
        self.draw = draw
        timings = SubmissionTimings(providers: lanes.keys, factory: metrics)
        health = Mutex(breakers.mapValues(ProviderHealth.init(breaker:)))
    }

    /// The providers to try for `recipient`, best first, leaving out those whose circuit is open;
    /// after a transient failure on `failedOn` the route fails over past it.
    public func candidates(for recipient: PhoneNumber, failedOn: String?) -> [String] {
        let at = now().timeIntervalSince1970
        let draw = draw()
        return health.withLock { health in
            routing.route(for: recipient).candidates(draw: draw, failedOn: failedOn) { name in
                health[name]?.breaker.isAvailable(at: at) ?? false
            }
        }
    }

    /// The first of `candidates` whose breaker lets a submission through now (taking the
    /// half-open probe if it is due), counted in flight; nil when none does.
    public func reserve(_ candidates: [String]) -> String? {
        let at = now().timeIntervalSince1970
        return health.withLock { health in
            for name in candidates where health[name]?.breaker.allowsAttempt(at: at) == true {
                health[name]?.inFlight += 1
                return name
            }
            return nil
        }
    }

    /// When `recipient`'s route may next take a message: the first open circuit's probe time,
    /// or a second from now while a probe is out (its answer decides); nil when none is open.
    public func nextProbe(for recipient: PhoneNumber) -> Date? {
        let names = routing.route(for: recipient).entries.map(\.provider)
        let at = now()
        let probes = health.withLock { health in
            names.compactMap { name -> Double? in
                guard let breaker = health[name]?.breaker else { return nil }
                return breaker.state == .halfOpen ? at.timeIntervalSince1970 + 1 : breaker.probeAt
            }
        }
        return probes.min().map(Date.init(timeIntervalSince1970:))
    }

    /// The sender `provider` shows on handsets.
    public func sender(of provider: String) -> String {
        lanes[provider]?.sender ?? "Loa"
    }

    /// Waits for `provider`'s rate and a free in-flight place, then, unless `stopping()` says
    /// shutdown came meanwhile (nil: nothing was submitted, the reservation is given back),
    /// submits and feeds the outcome to its breaker and record. `provider` must have been
    /// ``reserve(_:)``d.
    public func submit(
        _ request: SubmitRequest, on provider: String, unless stopping: @Sendable () -> Bool = { false }
    ) async throws(SubmitFailure) -> String? {
        guard let lane = lanes[provider] else {
            finish(provider, transientFailure: nil)
            throw .permanent("no_provider", "no provider called '\(provider)' is configured")
        }
        await lane.throttle?.acquire()
        await lane.slots?.acquire()
        defer { lane.slots?.release() }
        if stopping() {
            cancelReservation(provider)
            return nil
        }
        let start = ContinuousClock.now
        do {
            let id = try await lane.provider.submit(request)
            timings.record(provider, .accepted, since: start)
            finish(provider, transientFailure: nil)
            return id
        } catch {
            timings.record(provider, error.kind == .transient ? .transient : .permanent, since: start)
            finish(provider, transientFailure: error.kind == .transient ? error.description : nil)
            throw error
        }
    }

    /// Gives back a reservation that was never submitted (shutdown came first).
    func cancelReservation(_ provider: String) {
        health.withLock { $0[provider]?.inFlight -= 1 }
    }

    private func finish(_ provider: String, transientFailure: String?) {
        let at = now()
        health.withLock { $0[provider]?.record(transientFailure: transientFailure, at: at) }
    }

    /// Every provider's state, by name.
    public func statuses() -> [ProviderStatus] {
        let snapshot = health.withLock { $0 }
        return lanes.keys.sorted().compactMap { name in
            guard let lane = lanes[name], let record = snapshot[name] else { return nil }
            return ProviderStatus(
                name: name, type: lane.type, circuit: record.breaker.state,
                link: (lane.provider as? any ProviderLinkReporting)?.link,
                inFlight: record.inFlight, recentSubmissions: record.recentSubmissions,
                recentFailures: record.recentFailures, lastError: record.lastError, lastErrorAt: record.lastErrorAt)
        }
    }
}
