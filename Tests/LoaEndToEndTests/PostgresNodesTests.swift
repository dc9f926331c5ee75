import Foundation
import LoaTestSupport
import Testing

/// Loa scaled apart over one PostgreSQL database (the throwaway cluster of
/// scripts/peers/postgres.sh, `LOA_TEST_POSTGRES_URL`): an API-only node and a worker node.
@Suite("loa serve --no-worker and loa worker over PostgreSQL", .serialized,
       .enabled(if: Peers.isCI || ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] != nil,
                "LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start, or run scripts/test); skipping the PostgreSQL node tests"))
struct PostgresNodesTests {
    @Test("an event posted to the API-only node is sent and delivered by the worker node; both stop cleanly")
    func apiAndWorkerApart() async throws {
        let url = try await Self.freshDatabase()
        let environment = ["LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY": "300ms"]
        let api = try LoaBinary(environment: environment, database: url)
        let worker = try LoaBinary(environment: environment, database: url)
        let ingest = try await api.createKey(role: "ingest")
        let officer = try await api.createKey(role: "officer", commune: "na-u")
        try await api.start(extraArguments: ["--no-worker"])
        try await worker.startWorker()

        let reply = try await HTTPJSON.send(.POST, "\(api.baseURL)/v1/dossier-events", key: ingest,
                                            json: Events.make("pg-nodes-1", dossier: "PG-NODES-1", locale: "vi", status: 9))
        #expect(reply.status == 202)
        let id = try #require(((reply.json["results"] as? [[String: Any]])?.first?["messageIds"] as? [String])?.first)
        let message = try await waitForState("delivered", id: id, loa: api, key: officer)
        #expect(message["provider"] as? String == "sandbox")
        #expect(await worker.terminate() == 0)
        #expect(await api.terminate() == 0)
        #expect(!worker.logs().contains("912345678"))
    }

    /// A new database on the cluster of `LOA_TEST_POSTGRES_URL`; its URL.
    static func freshDatabase() async throws -> String {
        guard let base = ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"], var components = URLComponents(string: base) else {
            throw HarnessError("LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start prints it)")
        }
        let name = "loa_nodes_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        components.path = "/postgres"
        components.queryItems = nil
        _ = try await Peers.runCapturing("/usr/bin/psql", [components.string!, "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"], input: Data())
        var target = URLComponents(string: base)!
        target.path = "/" + name
        return target.string!
    }
}
