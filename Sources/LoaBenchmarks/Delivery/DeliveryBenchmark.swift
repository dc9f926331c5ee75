import Foundation
import LoaCore
import LoaPeers
import LoaTemplates
import Synchronization

/// The real `loa serve` on a temporary SQLite database, sending through its Kannel adapter to a
/// loopback Kannel stand-in that answers at once and calls delivery reports back; then real
/// Kannel with the same messages, for the ratio.
///
/// Phase 1 pushes `--events` events as fast as Loa takes them (batches of 100 from 8 clients)
/// and times acceptance, submission and delivery. Phase 2 paces `--rate` events per second for
/// `--seconds` and reports latency from the `202` to the provider receiving the message.
struct DeliveryBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let eventCount = options.int("events", default: 20_000)
        let rate = options.int("rate", default: 1000)
        let seconds = options.int("seconds", default: 10)
        print("loa-bench delivery: \(eventCount) events, then \(rate) events/s for \(seconds) s; \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let kannel = try await FakeKannel.start(settings: .init(receiptConcurrency: options.int("receipt-concurrency", default: 64)))
        let loa = try ServedLoa(sendingThrough: kannel, dispatchSettings: [
            "concurrency: \(options.int("concurrency", default: 64))", "batchSize: \(options.int("batch-size", default: 200))",
        ])
        let ingestKey = try loa.createKey(role: "ingest")
        let operatorKey = try loa.createKey(role: "operator")
        try await loa.start()
        let client = try LoadClient(baseURL: loa.baseURL, key: ingestKey)

        // Phase 1: throughput.
        let bodies = try stride(from: 0, to: eventCount, by: 100).map { try LoadClient.batch($0..<min($0 + 100, eventCount), tag: "burst") }
        let start = ContinuousClock.now
        try await client.pushAll(bodies, clients: 8)
        let acceptedIn = (ContinuousClock.now - start).seconds
        try await waitUntil("every message submitted") { kannel.statistics.distinctMessages >= eventCount }
        let submittedIn = ((kannel.acceptanceTimes.values.max() ?? start) - start).seconds
        // Loa answers a delivery report only once it is committed, so the stand-in's last 2xx
        // is when the last message became delivered; asking Loa instead would load it meanwhile.
        try await waitUntil("every delivery report taken") { kannel.statistics.receiptsPosted >= eventCount }
        let deliveredIn = ((kannel.lastReceiptPostedAt ?? start) - start).seconds
        let delivered = try await client.status(operatorKey: operatorKey)["delivered"] ?? 0
        guard delivered == eventCount else { throw BenchmarkError("\(delivered) of \(eventCount) messages are delivered after every report was taken") }
        let burstLatencies = latencies(client: client, kannel: kannel)
        let submittedPerSecond = Double(eventCount) / submittedIn
        print(String(format: "events accepted      %8.0f /s  (%d events, each committed before its 202)", Double(eventCount) / acceptedIn, eventCount))
        print(String(format: "messages submitted   %8.0f /s", submittedPerSecond))
        let deliveredPerSecond = Double(eventCount) / deliveredIn
        print(String(format: "messages delivered   %8.0f /s  (delivery reports received and applied)", deliveredPerSecond))
        print("202 → submission at full speed: \(burstLatencies.summary)")

        // Phase 2: latency at a steady rate, in batches every 10 ms.
        let perBatch = max(1, rate / 100)
        let batchCount = max(1, rate * seconds / perBatch)
        let paced = try (0..<batchCount).map { try LoadClient.batch(($0 * perBatch)..<(($0 + 1) * perBatch), tag: "paced") }
        let pacedClient = try LoadClient(baseURL: loa.baseURL, key: ingestKey)
        try await pacedClient.pace(paced, every: .milliseconds(10))
        try await waitUntil("every paced message submitted") { kannel.statistics.distinctMessages >= eventCount + batchCount * perBatch }
        print("202 → submission at \(perBatch * 100) events/s (\(perBatch) per request every 10 ms): \(latencies(client: pacedClient, kannel: kannel).summary)")

        let memory = loa.memory()
        print(String(format: "loa serve resident memory: peak %.1f MB, now %.1f MB", Double(memory?.peak ?? 0) / 1e6, Double(memory?.current ?? 0) / 1e6))
        print("provider stand-in: \(kannel.statistics)")
        let exit = loa.stop()
        try await kannel.stop()
        print("loa serve exited \(exit) after SIGTERM")

        guard !options.has("no-kannel") else { return }
        guard KannelScript.isInstalled else {
            print("Kannel is not installed (scripts/peers/kannel.sh install): no ratio")
            return
        }
        let logLevel = options.int("kannel-log-level", default: 2)
        let kannelPerSecond = try await KannelBaseline(
            messages: try sameTexts(count: eventCount), clients: options.int("kannel-clients", default: 64), logLevel: logLevel).run()
        print(String(format: "Kannel (store file, fakesmsc, log level %d): %8.0f messages/s from sendsms to the SMSC", logLevel, kannelPerSecond))
        print(String(format: "ratio Loa submitted / Kannel: %.2f  (delivered / Kannel: %.2f; Kannel's run has no delivery reports)",
                     submittedPerSecond / kannelPerSecond, deliveredPerSecond / kannelPerSecond))
    }

    /// 202 → first acceptance by the provider, for every message this client was answered for.
    private func latencies(client: LoadClient, kannel: FakeKannel) -> Latencies {
        let submitted = kannel.acceptanceTimes
        let answered = client.answeredAt.withLock { $0 }
        return Latencies(answered.compactMap { id, answeredAt in submitted[id].map { $0 - answeredAt } })
    }

    /// The texts Loa sent in phase 1 (result ready, alternating vi and hmn), for Kannel.
    private func sameTexts(count: Int) throws -> [(text: String, ucs2: Bool)] {
        let catalog = try TemplateCatalog.load(from: ServedLoa.repositoryRoot.appendingPathComponent("templates"))
        let rendered = try [MessageLocale.vietnamese, .hmong].map { locale in
            try catalog.render(kind: .resultReady, locale: locale, variables: catalog.sampleVariables(for: .resultReady, locale: locale))
        }
        return (0..<count).map { index in
            let message = rendered[index % 2]
            return (message.analysis.text, message.analysis.encoding == .ucs2)
        }
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(300), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
