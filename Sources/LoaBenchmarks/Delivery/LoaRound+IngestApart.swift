import Foundation
import LoaTestSupport

extension LoaRound {
    /// Ingest and sending in two processes one after the other, for what each costs alone:
    /// `eventCount` events pushed at once into this round's `loa serve --no-worker` (started
    /// with `worker: false`), which then stops; then `loa serve` on the same database sends
    /// them all and takes their delivery reports. The sending side is timed from its launch
    /// and its CPU counted from its start (startup and bind included: a little against it).
    /// One node (SQLite), as in the SMPP rounds.
    func ingestThenSend(eventCount: Int) async throws -> IngestApartFigures {
        guard nodes.count == 1, let loa = nodes.first, let client = clients.first else { throw BenchmarkError("ingest apart takes one node") }
        guard let ingestPID = loa.processIdentifier else { throw BenchmarkError("loa serve --no-worker is not running") }
        let ingestCPU = ProcessCPU(processIdentifiers: [ingestPID])
        let bodies = try stride(from: 0, to: eventCount, by: 100).map { try LoadClient.batch($0..<min($0 + 100, eventCount), tag: "apart") }
        let ingestCPUBefore = try ingestCPU.used()
        let ingestStart = ContinuousClock.now
        try await client.pushAll(bodies, clients: 8)
        let acceptedIn = ContinuousClock.now - ingestStart
        let ingestUsed = try ingestCPU.used() - ingestCPUBefore
        await loa.terminate()

        let start = ContinuousClock.now
        try await loa.start(port: 0)
        guard let pid = loa.processIdentifier else { throw BenchmarkError("loa serve is not running") }
        let cpu = ProcessCPU(processIdentifiers: [pid])
        let status = try LoadClient(baseURL: loa.baseURL, key: operatorKey)
        let submittedAt = try await waitUntil("every message submitted") { try providers.allSubmitted(eventCount) }
        _ = try await waitUntil("every delivery report taken") { try providers.allDelivered(eventCount) }
        let deadline = ContinuousClock.now + .seconds(60)
        while try await status.status(operatorKey: operatorKey)["delivered"] ?? 0 < eventCount {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("not every message is delivered a minute after every report was taken") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let deliveredAt = ContinuousClock.now
        return IngestApartFigures(
            messages: eventCount, acceptedIn: acceptedIn, ingestCPU: ingestUsed, submittedIn: submittedAt - start,
            deliveredIn: deliveredAt - start, sendingCPU: try cpu.used())
    }
}

/// What ``LoaRound/ingestThenSend(eventCount:)`` measured: ingest alone, then sending and
/// delivery reports alone, each in its own `loa serve` process.
struct IngestApartFigures {
    let messages: Int
    /// From the first request until the last `202`.
    let acceptedIn: Duration
    /// `loa serve --no-worker`'s CPU time over `acceptedIn`.
    let ingestCPU: Duration
    /// From the sending `loa serve`'s launch until the SMSC had taken every part.
    let submittedIn: Duration
    /// From that launch until every report was taken and every message is delivered.
    let deliveredIn: Duration
    /// The sending `loa serve`'s CPU time from its start until then.
    let sendingCPU: Duration

    var acceptedPerSecond: Double { Double(messages) / acceptedIn.seconds }
    var submittedPerSecond: Double { Double(messages) / submittedIn.seconds }
    var deliveredPerSecond: Double { Double(messages) / deliveredIn.seconds }
    var ingestMicrosecondsPerMessage: Double { ingestCPU.seconds * 1e6 / Double(messages) }
    var sendingMicrosecondsPerMessage: Double { sendingCPU.seconds * 1e6 / Double(messages) }

    var summary: String {
        String(format: "ingest alone %6.0f events/s, %4.0f µs/message; then sending alone %6.0f messages submitted /s, "
               + "delivered %6.0f /s, %4.0f µs/message (sending and the receipts)",
               acceptedPerSecond, ingestMicrosecondsPerMessage, submittedPerSecond, deliveredPerSecond, sendingMicrosecondsPerMessage)
    }
}
