import Foundation
import HTTPTypes
import Hummingbird
import LoaCore
import LoaStore
import Testing

/// Ingest keys limited to sources and communes, and keys that sign their requests.
@Suite("POST /v1/dossier-events with scoped and signing keys")
struct IngestKeyRouteTests {
    /// Inserts an ingest key limited to `scope`; returns it and its bearer secret.
    static func scopedKey(_ harness: TestGateway, _ scope: IngestScope) async throws -> (APIKey, String) {
        let (key, secret) = APIKeySecret.issue(name: "scoped", role: .ingest, commune: nil, scope: scope, at: Date())
        try await harness.gateway.store.insert(key)
        return (key, secret)
    }

    /// Inserts a signing ingest key; returns it, its bearer secret and its signing secret.
    static func signingKey(_ harness: TestGateway) async throws -> (APIKey, String, IngestSigningSecret) {
        let issued = try APIKeySecret.issueSigned(name: "signed", scope: .unrestricted, at: Date())
        try await harness.gateway.store.insert(issued.key)
        return issued
    }

    static func body(_ json: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    @Test("an event from a source outside the key's is 403 naming source, and nothing is stored")
    func outsideSource() async throws {
        let harness = try await TestGateway.make()
        let (_, secret) = try await Self.scopedKey(harness, IngestScope(sources: ["laichau-motcua"], communes: []))
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: try Self.body(SampleEvent.make("e1")))
            #expect(reply.status == .forbidden)
            #expect(reply.errorCode == "outside_key_scope")
            #expect(reply.errorField == "source")
            #expect(reply.body.contains("dienbien-motcua"))
            #expect(reply.body.contains("--source"))
            #expect(try await harness.gateway.store.inboxRecord(source: "dienbien-motcua", eventId: "e1") == nil)
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("an event for a commune outside the key's is 403 naming commune")
    func outsideCommune() async throws {
        let harness = try await TestGateway.make()
        let (_, secret) = try await Self.scopedKey(harness, IngestScope(sources: ["dienbien-motcua"], communes: ["muong-nhe"]))
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: try Self.body(SampleEvent.make("e1", commune: "na-u")))
            #expect(reply.status == .forbidden)
            #expect(reply.errorCode == "outside_key_scope")
            #expect(reply.errorField == "commune")
            #expect(reply.body.contains("muong-nhe"))
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("in a batch, events outside the key's source or commune are rejected each; the others are accepted with the key's id")
    func mixedBatch() async throws {
        let harness = try await TestGateway.make()
        let (key, secret) = try await Self.scopedKey(harness, IngestScope(sources: ["dienbien-motcua"], communes: ["na-u", "muong-nhe"]))
        var foreignSource = SampleEvent.make("b2", dossier: "D-2")
        foreignSource["source"] = "laichau-motcua"
        let events: [[String: Any]] = [
            SampleEvent.make("b1", dossier: "D-1", commune: "na-u"),
            foreignSource,
            SampleEvent.make("b3", dossier: "D-3", commune: "sin-thau"),
            SampleEvent.make("b4", dossier: "D-4", commune: "muong-nhe"),
        ]
        let body = try Self.body(["events": events])
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: body)
            #expect(reply.status == .accepted)
            let results = reply.results
            #expect(results.map { $0["outcome"] as? String } == ["accepted", "rejected", "rejected", "accepted"])
            let errors = results.map { $0["error"] as? [String: Any] }
            #expect(errors[1]?["field"] as? String == "source")
            #expect(errors[1]?["code"] as? String == "outside_key_scope")
            #expect(errors[2]?["field"] as? String == "commune")
            #expect(results[2]["eventId"] as? String == "b3")
            let store = harness.gateway.store
            #expect(try await store.inboxRecord(source: "dienbien-motcua", eventId: "b1")?.keyId == key.id)
            #expect(try await store.inboxRecord(source: "dienbien-motcua", eventId: "b4")?.keyId == key.id)
            #expect(try await store.inboxRecord(source: "laichau-motcua", eventId: "b2") == nil)
            #expect(try await store.inboxRecord(source: "dienbien-motcua", eventId: "b3") == nil)
            #expect(try await store.countsByState()[.pending] == 2)
        }
    }

    @Test("an unrestricted key's events record its id")
    func unrestrictedKeyIsRecorded() async throws {
        let harness = try await TestGateway.make()
        let (key, secret) = try await Self.scopedKey(harness, .unrestricted)
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: try Self.body(SampleEvent.make("u1", commune: "sin-thau")))
            #expect(reply.status == .accepted)
            #expect(try await harness.gateway.store.inboxRecord(source: "dienbien-motcua", eventId: "u1")?.keyId == key.id)
        }
    }

    @Test("a signed request is accepted once; the same request again is 403 as a replay")
    func signedThenReplayed() async throws {
        let harness = try await TestGateway.make()
        let (key, bearer, signing) = try await Self.signingKey(harness)
        let body = try Self.body(SampleEvent.make("s1"))
        let signature = signing.sign(body: Data(body.utf8), timestamp: Self.now())
        try await harness.test { api in
            let first = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: signature.header])
            #expect(first.status == .accepted, "\(first.body)")
            #expect(first.results.first?["outcome"] as? String == "accepted")
            #expect(try await harness.gateway.store.inboxRecord(source: "dienbien-motcua", eventId: "s1")?.keyId == key.id)
            let replay = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: signature.header])
            #expect(replay.status == .forbidden)
            #expect(replay.errorCode == "signature_replayed")
            #expect(replay.errorField == "Loa-Signature")
            // Signed afresh (another second), the same body goes through and is a duplicate.
            let resigned = signing.sign(body: Data(body.utf8), timestamp: signature.timestamp - 1)
            let again = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: resigned.header])
            #expect(again.status == .accepted)
            #expect(again.results.first?["outcome"] as? String == "duplicate")
        }
    }

    @Test("a signature of another body, or with another secret, is 401 signature_mismatch")
    func wrongSignature() async throws {
        let harness = try await TestGateway.make()
        let (_, bearer, signing) = try await Self.signingKey(harness)
        let body = try Self.body(SampleEvent.make("w1"))
        let otherBody = try Self.body(SampleEvent.make("w2"))
        let now = Self.now()
        try await harness.test { api in
            for header in [
                signing.sign(body: Data(otherBody.utf8), timestamp: now).header,
                IngestSigningSecret.generate().sign(body: Data(body.utf8), timestamp: now).header,
            ] {
                let reply = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: header])
                #expect(reply.status == .unauthorized)
                #expect(reply.errorCode == "signature_mismatch")
                #expect(reply.errorField == "Loa-Signature")
                #expect(reply.body.contains("exact bytes"))
            }
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("a signature made more than five minutes before or after now is 401 signature_expired")
    func staleTimestamp() async throws {
        let harness = try await TestGateway.make()
        let (_, bearer, signing) = try await Self.signingKey(harness)
        let body = try Self.body(SampleEvent.make("t1"))
        try await harness.test { api in
            // Ten minutes either way: far outside the window whatever the test machine's load.
            for offset: Int64 in [-600, 600] {
                let header = signing.sign(body: Data(body.utf8), timestamp: Self.now() + offset).header
                let reply = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: header])
                #expect(reply.status == .unauthorized)
                #expect(reply.errorCode == "signature_expired")
                #expect(reply.errorField == "Loa-Signature")
                #expect(reply.body.contains("NTP"))
            }
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("a signing key's request without the header is 401 signature_required; a broken header is 401 signature_malformed")
    func unsignedOrMalformed() async throws {
        let harness = try await TestGateway.make()
        let (_, bearer, _) = try await Self.signingKey(harness)
        let body = try Self.body(SampleEvent.make("u1"))
        try await harness.test { api in
            let unsigned = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body)
            #expect(unsigned.status == .unauthorized)
            #expect(unsigned.errorCode == "signature_required")
            #expect(unsigned.errorField == "Loa-Signature")
            #expect(unsigned.body.contains("HMAC-SHA256"))
            let malformed = try await api.request(.post, "/v1/dossier-events", as: bearer, body: body, headers: [Self.signatureHeader: "sha256=abc"])
            #expect(malformed.status == .unauthorized)
            #expect(malformed.errorCode == "signature_malformed")
            // A key that does not sign is not asked for a signature, but a broken header is
            // refused all the same: its sender must not believe the body is signed.
            let brokenFromPlain = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: body, headers: [Self.signatureHeader: "sha256=abc"])
            #expect(brokenFromPlain.status == .unauthorized)
            #expect(brokenFromPlain.errorCode == "signature_malformed")
            let plain = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: body)
            #expect(plain.status == .accepted)
        }
    }

    static let signatureHeader = HTTPField.Name("Loa-Signature")!
}
