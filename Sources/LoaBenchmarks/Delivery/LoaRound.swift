import Foundation
import LoaPeers
import LoaTestSupport
import Synchronization

/// One round of Loa: the real `loa serve` on a new temporary store (``RoundDatabase``: a SQLite
/// file, or a PostgreSQL cluster shared by several nodes), sending through `providers` (Kannel
/// stand-ins, ``KannelStandIns``, or an SMPP simulator, ``SimulatedSMSC``).
///
/// ``burst(eventCount:)`` pushes events as fast as Loa takes them (batches of 100 from 8
/// clients, spread over the nodes), times acceptance, submission and delivery and reads the CPU
/// time of every `loa serve` (and of PostgreSQL's server processes) over it; ``pace(_:)`` then
/// paces events for the latency from the `202` to the provider.
struct LoaRound<Providers: RoundProviders> {
    let providers: Providers
    private let database: RoundDatabase
    let nodes: [LoaBinary]
    private let cluster: PostgresCluster?
    private let ingestKey: String
    let operatorKey: String
    /// The burst's clients, one per node, whose answer times ``pace(_:)`` reports on.
    let clients: [LoadClient]

    /// Starts `loa serve` (`--nodes` of them with `--database postgres`) sending through
    /// `providers`, with the dispatch settings in `options` (`worker: false`: the API alone,
    /// `--no-worker`, for ``ingestThenSend(eventCount:)``).
    static func start(options: BenchmarkOptions, providers: Providers, worker: Bool = true) async throws -> LoaRound {
        let database = try RoundDatabase(options: options)
        var cluster: PostgresCluster?
        if case .postgres = database {
            let created = try PostgresCluster()
            try await created.start()
            cluster = created
        }
        let dispatchSettings = ["concurrency: \(options.int("concurrency", default: 64))", "batchSize: \(options.int("batch-size", default: 200))"]
        let started = try (0..<database.nodeCount).map { _ in
            try LoaBinary.sending(dispatchSettings: dispatchSettings, database: cluster?.url(), providers: providers.entries)
        }
        let ingestKey = try await started[0].loa.createKey(role: "ingest")
        let operatorKey = try await started[0].loa.createKey(role: "operator")
        for (loa, port) in started { try await loa.start(port: port, extraArguments: worker ? [] : ["--no-worker"]) }
        return LoaRound(
            providers: providers, database: database, nodes: started.map(\.loa), cluster: cluster, ingestKey: ingestKey,
            operatorKey: operatorKey, clients: try started.map { try LoadClient(baseURL: $0.loa.baseURL, key: ingestKey) })
    }

    /// Pushes `eventCount` events at once and waits until every message is delivered.
    func burst(eventCount: Int) async throws -> LoaFigures {
        let processIdentifiers = nodes.compactMap(\.processIdentifier)
        guard processIdentifiers.count == nodes.count else { throw BenchmarkError("loa serve is not running") }
        let cpu = ProcessCPU(processIdentifiers: processIdentifiers)
        let clusterCPU = cluster.map(ClusterCPU.init)
        let bodies = try stride(from: 0, to: eventCount, by: 100).map { try LoadClient.batch($0..<min($0 + 100, eventCount), tag: "burst") }
        let cpuBefore = try cpu.used()
        let clusterBefore = clusterCPU?.snapshot()
        let peerCPUBefore = try providers.peerCPU?.used()
        let start = ContinuousClock.now
        let clients = clients
        try await Tickets.work(through: bodies.count, workers: 8) { index in try await clients[index % clients.count].post(bodies[index]) }
        let acceptedIn = ContinuousClock.now - start
        let submittedAt = try await waitUntil("every message submitted") { try providers.allSubmitted(eventCount) }
        var deliveredAt = try await waitUntil("every delivery report taken") { try providers.allDelivered(eventCount) }
        // An SMSC's last receipt may be acknowledged just before its message's state is
        // committed: then the round lasts until Loa says every message is delivered.
        let deadline = ContinuousClock.now + .seconds(60)
        while try await clients[0].status(operatorKey: operatorKey)["delivered"] ?? 0 < eventCount {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("not every message is delivered a minute after every report was taken") }
            try await Task.sleep(for: .milliseconds(20))
            deliveredAt = .now
        }
        var databaseCPU: Duration?
        if let clusterCPU, let clusterBefore { databaseCPU = ClusterCPU.used(from: clusterBefore, to: clusterCPU.snapshot()) }
        let cpuUsed = try cpu.used() - cpuBefore + (databaseCPU ?? .zero)
        let peerCPUUsed = try providers.peerCPU.map { try $0.used() - (peerCPUBefore ?? .zero) }
        return LoaFigures(
            messages: eventCount, system: database.system, acceptedIn: acceptedIn, submittedIn: submittedAt - start,
            deliveredIn: deliveredAt - start, cpu: cpuUsed, databaseCPU: databaseCPU, peerCPU: peerCPUUsed)
    }

    /// SIGTERM to every `loa serve`, then stops the providers and removes the cluster.
    func stop() async throws {
        for loa in nodes {
            let exit = await loa.terminate()
            if exit != 0 { print("  Loa: loa serve exited \(exit) after SIGTERM") }
        }
        try await providers.stop()
        cluster?.remove()
    }
}

extension LoaRound where Providers == KannelStandIns {
    /// Prints the burst's latency, then paces events (in batches every 10 ms) and prints theirs,
    /// `loa serve`'s resident memory and the stand-in's statistics.
    func pace(_ pacing: Pacing) async throws {
        print("  Loa: 202 → submission at full speed: \(latencies(clients: clients).summary)")
        let submittedBefore = providers.submittedCount
        let perBatch = max(1, pacing.rate / 100)
        let batchCount = max(1, pacing.rate * pacing.seconds / perBatch)
        let paced = try (0..<batchCount).map { try LoadClient.batch(($0 * perBatch)..<(($0 + 1) * perBatch), tag: "paced") }
        let pacedClient = try LoadClient(baseURL: nodes[0].baseURL, key: ingestKey)
        try await pacedClient.pace(paced, every: .milliseconds(10))
        try await waitUntil("every paced message submitted") { providers.submittedCount >= submittedBefore + batchCount * perBatch ? () : nil }
        print("  Loa: 202 → submission at \(perBatch * 100) events/s (\(perBatch) per request every 10 ms) to the first node: \(latencies(clients: [pacedClient]).summary)")
        let memory = nodes[0].memory()
        print(String(format: "  Loa: loa serve resident memory: peak %.1f MB, now %.1f MB", Double(memory?.peak ?? 0) / 1e6, Double(memory?.current ?? 0) / 1e6))
        for kannel in providers.accepting + providers.failing { print("  Loa: provider stand-in: \(kannel.statistics)") }
    }

    /// 202 → first acceptance by the provider, for every message these clients were answered for.
    private func latencies(clients: [LoadClient]) -> Latencies {
        let submitted = providers.acceptanceTimes
        let answered = clients.reduce(into: [String: ContinuousClock.Instant]()) { all, client in all.merge(client.answeredAt.withLock { $0 }) { $1 } }
        return Latencies(answered.compactMap { id, answeredAt in submitted[id].map { $0 - answeredAt } })
    }
}

/// Events per second and for how long, for the latency at a steady rate.
struct Pacing {
    let rate: Int
    let seconds: Int
}

/// Polls `value` every 5 ms until it is not nil and returns it.
/// - Throws: ``BenchmarkError`` after `timeout` (a safety net: a round takes seconds).
func waitUntil<Value>(_ what: String, timeout: Duration = .seconds(300), _ value: () throws -> Value?) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try value() { return value }
        guard ContinuousClock.now < deadline else { throw BenchmarkError("timed out waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}
