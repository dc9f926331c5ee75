import Foundation
import LoaCore
import LoaStore
import Testing

/// A key limited to one commune or source cannot reach another's dossier by its code.
@Suite("POST /v1/dossier-events for a dossier of another commune or source")
struct DossierOwnershipRouteTests {
    static let dossier = "000.00.00.H15-241130-0042"

    /// The dossier created in muong-nhe by the unrestricted ingest key, with one pending message.
    static func created(_ api: APIClient) async throws -> String {
        let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make(
            "created", status: 2, dossier: dossier, commune: "muong-nhe", occurredAt: "2026-11-30T08:00:00+07:00"))
        #expect(reply.status == .accepted, "\(reply.body)")
        return try #require((reply.results.first?["messageIds"] as? [String])?.first)
    }

    @Test("a key for na-u posting another commune's dossier code as na-u is 422 commune_mismatch; the dossier's message is untouched")
    func otherCommunesDossier() async throws {
        let harness = try await TestGateway.make()
        let (_, secret) = try await IngestKeyRouteTests.scopedKey(harness, IngestScope(sources: [], communes: ["na-u"]))
        try await harness.test { api in
            let original = try await Self.created(api)
            let hijack = SampleEvent.make("hijack", status: 9, phone: "0987 654 321", dossier: Self.dossier, commune: "na-u",
                                          occurredAt: "2026-11-30T09:00:00+07:00")
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: try IngestKeyRouteTests.body(hijack))
            #expect(reply.status == .unprocessableContent, "\(reply.body)")
            #expect(reply.errorCode == "commune_mismatch")
            #expect(reply.errorField == "commune")
            #expect(reply.body.contains("muong-nhe"))
            #expect(reply.body.contains("operator"))

            // In a batch, the same event is rejected on its own.
            let batch = try await api.request(.post, "/v1/dossier-events", as: secret, body: try IngestKeyRouteTests.body(["events": [
                hijack, SampleEvent.make("own", dossier: "000.00.00.H15-241130-0043", commune: "na-u"),
            ]]))
            #expect(batch.status == .accepted)
            #expect(batch.results.map { $0["outcome"] as? String } == ["rejected", "accepted"])
            #expect((batch.results.first?["error"] as? [String: Any])?["code"] as? String == "commune_mismatch")

            try await Self.expectUntouched(api, harness, original: original, rejectedEventId: "hijack")
        }
    }

    @Test("a key for another source posting this dossier's code is 422 source_mismatch")
    func otherSourcesDossier() async throws {
        let harness = try await TestGateway.make()
        let (_, secret) = try await IngestKeyRouteTests.scopedKey(harness, IngestScope(sources: ["laichau-motcua"], communes: []))
        try await harness.test { api in
            let original = try await Self.created(api)
            var hijack = SampleEvent.make("hijack", status: 9, phone: "0987 654 321", dossier: Self.dossier, commune: "muong-nhe",
                                          occurredAt: "2026-11-30T09:00:00+07:00")
            hijack["source"] = "laichau-motcua"
            let reply = try await api.request(.post, "/v1/dossier-events", as: secret, body: try IngestKeyRouteTests.body(hijack))
            #expect(reply.status == .unprocessableContent, "\(reply.body)")
            #expect(reply.errorCode == "source_mismatch")
            #expect(reply.errorField == "source")
            #expect(reply.body.contains("dienbien-motcua"))
            #expect(try await harness.gateway.store.inboxRecord(source: "laichau-motcua", eventId: "hijack") == nil)
            try await Self.expectUntouched(api, harness, original: original, rejectedEventId: "hijack")
        }
    }

    /// The dossier still has its one pending message, to its own number; nothing was recorded
    /// for the rejected event.
    static func expectUntouched(_ api: APIClient, _ harness: TestGateway, original: String, rejectedEventId: String) async throws {
        let listed = try await api.request(.get, "/v1/messages?dossierCode=\(dossier)", as: "admin").messages
        #expect(listed.map { $0["id"] as? String } == [original])
        #expect(listed.first?["state"] as? String == "pending")
        let stored = try #require(try await harness.gateway.store.message(id: original))
        #expect(stored.recipient == "+84912345678")
        #expect(try await harness.gateway.store.inboxRecord(source: "dienbien-motcua", eventId: rejectedEventId) == nil)
    }
}
