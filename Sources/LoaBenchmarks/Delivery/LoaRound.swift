import Foundation
import LoaPeers
import LoaTestSupport
import Synchronization

/// One round of Loa: the real `loa serve` on a new temporary SQLite database, sending through
/// its Kannel adapter to new loopback Kannel stand-ins that answer at once and call delivery
/// reports back (one by default; with ``Routing/threeWithOneDown``, a route of three providers
/// whose first answers every submission `503`).
///
/// ``burst(eventCount:)`` pushes events as fast as Loa takes them (batches of 100 from 8
/// clients), times acceptance, submission and delivery and reads `loa serve`'s CPU time over
/// it; ``pace(_:)`` then paces events for the latency from the `202` to the provider.
struct LoaRound {
    /// The stand-ins that accept messages.
    private let kannels: [FakeKannel]
    /// The stand-ins that refuse every message.
    private let failing: [FakeKannel]
    private let loa: LoaBinary
    private let ingestKey: String
    private let operatorKey: String
    /// The burst's client, whose answer times ``pace(_:)`` reports on.
    private let client: LoadClient

    /// Events per second and for how long, for the latency at a steady rate.
    struct Pacing {
        let rate: Int
        let seconds: Int
    }

    /// Which providers Loa sends through.
    enum Routing {
        /// One provider.
        case single
        /// `routes.default: [down, kannel, kannel2]`, equal weights; `down` answers every
        /// submission `503` (its circuit opens, and what it refused fails over).
        case threeWithOneDown
    }

    /// Starts the stand-ins and `loa serve` with the dispatch settings in `options`.
    static func start(options: BenchmarkOptions, routing: Routing = .single) async throws -> LoaRound {
        let settings = FakeKannelSettings(receiptConcurrency: options.int("receipt-concurrency", default: 64))
        var kannels = [try await FakeKannel.start(settings: settings)]
        var failing: [FakeKannel] = []
        var standIns = [("kannel", kannels[0])]
        if routing == .threeWithOneDown {
            var down = settings
            down.faults = FaultMix(share: 1, kinds: [.unavailable])
            failing.append(try await FakeKannel.start(settings: down))
            kannels.append(try await FakeKannel.start(settings: settings))
            standIns = [("down", failing[0]), ("kannel", kannels[0]), ("kannel2", kannels[1])]
        }
        let (loa, port) = try LoaBinary.sending(through: standIns, dispatchSettings: [
            "concurrency: \(options.int("concurrency", default: 64))", "batchSize: \(options.int("batch-size", default: 200))",
        ])
        let ingestKey = try await loa.createKey(role: "ingest")
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start(port: port)
        return LoaRound(
            kannels: kannels, failing: failing, loa: loa, ingestKey: ingestKey, operatorKey: operatorKey,
            client: try LoadClient(baseURL: loa.baseURL, key: ingestKey))
    }

    /// Pushes `eventCount` events at once and waits until every message is delivered.
    func burst(eventCount: Int) async throws -> LoaFigures {
        guard let pid = loa.processIdentifier else { throw BenchmarkError("loa serve is not running") }
        let cpu = ProcessCPU(processIdentifiers: [pid])
        let bodies = try stride(from: 0, to: eventCount, by: 100).map { try LoadClient.batch($0..<min($0 + 100, eventCount), tag: "burst") }
        let cpuBefore = try cpu.used()
        let start = ContinuousClock.now
        try await client.pushAll(bodies, clients: 8)
        let acceptedIn = ContinuousClock.now - start
        try await waitUntil("every message submitted") { submittedCount >= eventCount }
        // Loa answers a delivery report only once it is committed, so the stand-in's last 2xx
        // is when the last message became delivered; asking Loa instead would load it meanwhile.
        try await waitUntil("every delivery report taken") { kannels.map(\.statistics.receiptsPosted).reduce(0, +) >= eventCount }
        let cpuUsed = try cpu.used() - cpuBefore
        let delivered = try await client.status(operatorKey: operatorKey)["delivered"] ?? 0
        guard delivered == eventCount else { throw BenchmarkError("\(delivered) of \(eventCount) messages are delivered after every report was taken") }
        return LoaFigures(
            messages: eventCount, acceptedIn: acceptedIn, submittedIn: (acceptanceTimes.values.max() ?? start) - start,
            deliveredIn: (kannels.compactMap(\.lastReceiptPostedAt).max() ?? start) - start, cpu: cpuUsed)
    }

    /// Prints the burst's latency, then paces events (in batches every 10 ms) and prints theirs,
    /// `loa serve`'s resident memory and the stand-in's statistics.
    func pace(_ pacing: Pacing) async throws {
        print("  Loa: 202 → submission at full speed: \(latencies(client: client).summary)")
        let submittedBefore = submittedCount
        let perBatch = max(1, pacing.rate / 100)
        let batchCount = max(1, pacing.rate * pacing.seconds / perBatch)
        let paced = try (0..<batchCount).map { try LoadClient.batch(($0 * perBatch)..<(($0 + 1) * perBatch), tag: "paced") }
        let pacedClient = try LoadClient(baseURL: loa.baseURL, key: ingestKey)
        try await pacedClient.pace(paced, every: .milliseconds(10))
        try await waitUntil("every paced message submitted") { submittedCount >= submittedBefore + batchCount * perBatch }
        print("  Loa: 202 → submission at \(perBatch * 100) events/s (\(perBatch) per request every 10 ms): \(latencies(client: pacedClient).summary)")
        let memory = loa.memory()
        print(String(format: "  Loa: loa serve resident memory: peak %.1f MB, now %.1f MB", Double(memory?.peak ?? 0) / 1e6, Double(memory?.current ?? 0) / 1e6))
        for kannel in kannels + failing { print("  Loa: provider stand-in: \(kannel.statistics)") }
    }

    /// Distinct messages the accepting stand-ins took.
    private var submittedCount: Int { kannels.map(\.statistics.distinctMessages).reduce(0, +) }

    /// When each message was first accepted, by any stand-in.
    private var acceptanceTimes: [String: ContinuousClock.Instant] {
        kannels.map(\.acceptanceTimes).reduce(into: [:]) { all, times in all.merge(times) { min($0, $1) } }
    }

    /// What the stand-in that refuses everything was offered (zero with one provider).
    var refusedByFailingProvider: Int { failing.map { $0.statistics.faults.values.reduce(0, +) }.reduce(0, +) }

    /// SIGTERM to `loa serve`, then stops the stand-ins.
    func stop() async throws {
        let exit = await loa.terminate()
        for kannel in kannels + failing { try await kannel.stop() }
        if exit != 0 { print("  Loa: loa serve exited \(exit) after SIGTERM") }
    }

    /// 202 → first acceptance by the provider, for every message this client was answered for.
    private func latencies(client: LoadClient) -> Latencies {
        let submitted = acceptanceTimes
        let answered = client.answeredAt.withLock { $0 }
        return Latencies(answered.compactMap { id, answeredAt in submitted[id].map { $0 - answeredAt } })
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(300), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
