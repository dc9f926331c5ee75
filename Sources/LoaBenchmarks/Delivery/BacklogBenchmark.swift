import Foundation
import LoaPeers
import LoaTestSupport
import Synchronization

/// Resident memory of `loa serve` while a large backlog waits: `--messages` events go in through
/// the API while the provider route is limited to one message per second, so nearly all of them
/// wait in the outbox as the dispatcher keeps claiming.
struct BacklogBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let messageCount = options.int("messages", default: 1_000_000)
        print("loa-bench backlog: \(messageCount) messages waiting (provider limited to 1 message/s)")
        let kannel = try await FakeKannel.start()
        let (loa, port) = try LoaBinary.sending(through: kannel, providerSettings: ["ratePerSecond: 1"])
        let ingestKey = try await loa.createKey(role: "ingest")
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start(port: port)
        let client = try LoadClient(baseURL: loa.baseURL, key: ingestKey)
        let start = ContinuousClock.now
        let step = 100_000
        for chunk in stride(from: 0, to: messageCount, by: step) {
            let bodies = try stride(from: chunk, to: min(chunk + step, messageCount), by: 1000).map {
                try LoadClient.batch($0..<min($0 + 1000, messageCount), tag: "backlog")
            }
            try await client.pushAll(bodies, clients: 4)
            client.answeredAt.withLock { $0.removeAll(keepingCapacity: true) }
            let memory = loa.memory()
            print(String(format: "%8d events in after %6.1f s; loa serve resident %.1f MB (peak %.1f MB)",
                         min(chunk + step, messageCount), (ContinuousClock.now - start).seconds,
                         Double(memory?.current ?? 0) / 1e6, Double(memory?.peak ?? 0) / 1e6))
        }
        // Let the dispatcher keep claiming from the full outbox for a while.
        try await Task.sleep(for: .seconds(10))
        let states = try await client.status(operatorKey: operatorKey)
        let memory = loa.memory()
        let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: loa.databasePath)[.size] as? Int) ?? 0
        print("messages by state: \(states.filter { $0.value > 0 }.sorted { $0.key < $1.key })")
        print(String(format: "loa serve resident memory with %d waiting: now %.1f MB, peak %.1f MB; database %.0f MB",
                     states["pending"] ?? 0, Double(memory?.current ?? 0) / 1e6, Double(memory?.peak ?? 0) / 1e6, Double(databaseBytes) / 1e6))
        print("loa serve exited \(await loa.terminate()) after SIGTERM")
        try await kannel.stop()
    }
}
