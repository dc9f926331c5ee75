import Foundation
import Hummingbird
import Testing

@Suite("Authentication and roles")
struct AccessTests {
    @Test("GET /health needs no key")
    func health() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(.get, "/health")
            #expect(reply.status == .ok)
            #expect(reply.json["status"] as? String == "ok")
        }
    }

    @Test("no key, an unknown key and a malformed header are 401", arguments: [nil, "loa_NOTAKEY", "Basic abc"] as [String?])
    func unauthenticated(header: String?) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header.hasPrefix("Basic") ? header : "Bearer \(header)" }
            let reply = try await api.request(.post, "/v1/dossier-events", body: "{}", headers: headers)
            #expect(reply.status == .unauthorized)
            #expect(reply.errorCode == "unauthenticated")
            #expect(reply.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test("a revoked key stops working at once")
    func revoked() async throws {
        let harness = try await TestGateway.make()
        let store = harness.gateway.store
        let ingest = try #require(try await store.keys().first { $0.role == .ingest })
        #expect(try await store.revokeKey(id: ingest.id, at: Date()))
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e"))
            #expect(reply.status == .unauthorized)
        }
    }

    @Test("a key of the wrong role is 403", arguments: [
        ("officer", "POST", "/v1/dossier-events"),
        ("operator", "POST", "/v1/dossier-events"),
        ("ingest", "GET", "/v1/messages?dossierCode=X"),
        ("ingest", "GET", "/v1/messages/msg_1"),
        ("officer", "GET", "/v1/sandbox/messages"),
        ("ingest", "GET", "/v1/sandbox/messages"),
    ])
    func wrongRole(role: String, method: String, uri: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(method == "POST" ? .post : .get, uri, as: role,
                                              body: method == "POST" ? "{}" : nil)
            #expect(reply.status == .forbidden)
            #expect(reply.errorCode == "forbidden")
        }
    }

    @Test("keys are stored hashed, never in the clear")
    func hashed() async throws {
        let harness = try await TestGateway.make()
        let stored = try await harness.gateway.store.keys()
        for secret in harness.keys.values {
            #expect(!stored.contains { $0.secretHash == secret || $0.secretHash.contains(secret) })
        }
        let database = try Data(contentsOf: harness.folder.appendingPathComponent("loa.sqlite"))
        for secret in harness.keys.values {
            #expect(database.range(of: Data(secret.utf8)) == nil)
        }
    }
}
