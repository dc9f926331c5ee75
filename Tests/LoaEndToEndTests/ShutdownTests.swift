import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// SIGTERM under load: the process stops claiming, finishes what is in flight, releases its
/// leases and exits 0, leaving no message leased and no attempt half-recorded.
@Suite("Graceful shutdown", .serialized)
struct ShutdownTests {
    @Test("SIGTERM during a burst exits 0 with no lease held and no attempt left open")
    func sigtermUnderLoad() async throws {
        let loa = try LoaBinary(environment: [
            "LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY": "0s", "LOA_DISPATCH_POLL": "10ms", "LOA_DISPATCH_BATCH_SIZE": "50",
        ])
        let key = try await loa.createKey(role: "ingest")
        try await loa.start()
        let url = "\(loa.baseURL)/v1/dossier-events"
        for batch in 0..<20 {
            let events = (0..<50).map { Events.make("stop-\(batch)-\($0)", dossier: "STOP-\(batch)-\($0)", locale: "vi", status: 9) }
            let reply = try await HTTPJSON.send(.POST, url, key: key, json: ["events": events])
            #expect(reply.status == 202)
        }
        #expect(await loa.terminate() == 0, "\(loa.logs())")

        let store = try SQLiteStore(path: loa.databasePath)
        let counts = try await store.countsByState()
        #expect(counts[.sending] == nil, "messages by state after shutdown: \(counts)")
        #expect(counts.values.reduce(0, +) == 1000)
        #expect(try await store.openAttemptCount() == 0)
        #expect(loa.logs().contains("dispatcher stopped"))
    }
}
