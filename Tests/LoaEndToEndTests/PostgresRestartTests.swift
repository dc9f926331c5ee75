import Foundation
import LoaTestSupport
import Testing

/// `loa serve` over a PostgreSQL cluster of the test's own that is stopped and started again:
/// while it is away every route answers 503 with `Retry-After` within the URL's
/// `connect_timeout` and accepts nothing; once it is back the node reconnects by itself.
@Suite("loa serve while PostgreSQL restarts", .serialized, .timeLimit(.minutes(5)),
       .enabled(if: Peers.isCI || ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] != nil,
                "LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start, or run scripts/test); skipping the PostgreSQL restart tests"))
struct PostgresRestartTests {
    @Test("503 with Retry-After while PostgreSQL is away, nothing accepted, and service again once it is back")
    func unavailableThenBack() async throws {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        try await cluster.start()
        let loa = try LoaBinary(database: cluster.url("connect_timeout=2"))
        let ingest = try await loa.createKey(role: "ingest")
        let officer = try await loa.createKey(role: "officer", commune: "na-u")
        try await loa.start()

        let before = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest,
                                             json: Events.make("pg-restart-1", dossier: "PG-RESTART-1", locale: "vi", status: 9))
        #expect(before.status == 202)
        let firstId = try #require(Self.messageIds(before).first)
        _ = try await waitForState("delivered", id: firstId, loa: loa, key: officer)

        try await cluster.stop()
        // Ingest, reads and the key lookup itself: each answers 503 with Retry-After, not 500.
        let started = ContinuousClock.now
        let during = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest,
                                             json: Events.make("pg-restart-2", dossier: "PG-RESTART-2", locale: "vi", status: 9))
        let waited = ContinuousClock.now - started
        Self.expectUnavailable(during)
        // Bounded by connect_timeout (2 s) for the key lookup, not the pool's minute-long breaker.
        #expect(waited < .seconds(30), "the request waited \(waited)")
        let read = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages/\(firstId)", key: officer)
        Self.expectUnavailable(read)

        try await cluster.start()
        // The node reconnects by itself: the same event sent again is taken once the pool is back.
        var after = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest,
                                            json: Events.make("pg-restart-3", dossier: "PG-RESTART-3", locale: "vi", status: 9))
        var tries = 1
        while after.status == 503, tries < 60 {
            Self.expectUnavailable(after)
            tries += 1
            after = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest,
                                            json: Events.make("pg-restart-3", dossier: "PG-RESTART-3", locale: "vi", status: 9))
        }
        #expect(after.status == 202, "\(after.text)")
        let thirdId = try #require(Self.messageIds(after).first)
        _ = try await waitForState("delivered", id: thirdId, loa: loa, key: officer)

        // The event refused while the database was away left nothing behind.
        let refused = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages?dossierCode=PG-RESTART-2", key: officer)
        #expect(refused.status == 200)
        #expect((refused.json["messages"] as? [Any])?.isEmpty == true, "\(refused.text)")
        let kept = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages?dossierCode=PG-RESTART-1", key: officer)
        #expect((kept.json["messages"] as? [Any])?.count == 1, "\(kept.text)")
        #expect(await loa.terminate() == 0)
        #expect(!loa.logs().contains("912345678"))
    }

    static func messageIds(_ reply: HTTPJSON.Reply) -> [String] {
        ((reply.json["results"] as? [[String: Any]])?.first?["messageIds"] as? [String]) ?? []
    }

    static func expectUnavailable(_ reply: HTTPJSON.Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 503, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(reply.headers.first(name: "Retry-After") == "5", sourceLocation: sourceLocation)
        let error = reply.json["error"] as? [String: Any]
        #expect(error?["code"] as? String == "store_unavailable", "\(reply.text)", sourceLocation: sourceLocation)
        #expect(error?["message"] is String, sourceLocation: sourceLocation)
    }
}
