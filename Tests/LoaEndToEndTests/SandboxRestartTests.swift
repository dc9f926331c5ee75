import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// The finding: the sandbox kept its pending reports in memory, so after `kill -9` the
/// messages it had accepted stayed `sent` for ever.
@Suite("Sandbox reports across kill -9", .serialized)
struct SandboxRestartTests {
    static let messageCount = 20

    @Test("reports the sandbox owed when loa serve was killed come after the restart")
    func reportsSurviveKill() async throws {
        // No report falls due while the test runs, however busy the machine: after the kill the
        // sandbox's clock is moved on by making its owed reports due now in its own file.
        let loa = try LoaBinary(environment: ["LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY": "24h", "LOA_DISPATCH_POLL": "20ms"])
        let key = try await loa.createKey(role: "ingest")
        try await loa.start()
        let events = (0..<Self.messageCount).map { index in
            Events.make("restart-\(index)", dossier: "RESTART-\(index)", locale: "vi", status: 9)
        }
        let reply = try await HTTPJSON.send(
            .POST, loa.baseURL + "/v1/dossier-events", key: key, body: try JSONSerialization.data(withJSONObject: ["events": events]), timeout: 30)
        #expect(reply.status == 202)

        let store = try SQLiteStore(path: loa.databasePath)
        var counts = try await waitFor(store, deadline: 60) { ($0[.sent] ?? 0) + ($0[.delivered] ?? 0) == Self.messageCount }
        #expect(counts[.sent] == Self.messageCount, "every report still owed at the kill: \(counts)")
        await loa.kill9()
        let queue = loa.databasePath + "-sandbox-receipts.sqlite"
        #expect(FileManager.default.fileExists(atPath: queue))
        _ = try await Peers.runCapturing("/usr/bin/env", [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE scheduled_receipts SET due_at = 0'); c.commit()",
            queue,
        ], input: Data())
        try await loa.start(port: loa.port)

        counts = try await waitFor(store, deadline: 150) { $0[.delivered] == Self.messageCount }
        #expect(counts[.delivered] == Self.messageCount, "messages by state: \(counts)")
        #expect(await loa.terminate() == 0)
    }

    /// Reads the counts until `done` holds or `deadline` seconds pass (a safety net, not a slot).
    func waitFor(_ store: SQLiteStore, deadline: Double, _ done: ([MessageState: Int]) -> Bool) async throws -> [MessageState: Int] {
        let end = Date().addingTimeInterval(deadline)
        var counts = try await store.countsByState()
        while !done(counts), Date() < end {
            try await Task.sleep(for: .milliseconds(100))
            counts = try await store.countsByState()
        }
        return counts
    }
}
