import Foundation
import Hummingbird
import LoaCore
import LoaStore
import Testing

/// How a message whose personal data was removed reads and answers over the API.
@Suite("Retention over the API")
struct RetentionRouteTests {
    @Test("a purged message reads back without number or text, and a retry of it is refused with 409")
    func purgedMessage() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.permanentFailureRate": "1"])
        try await harness.test { api in
            let posted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("r", dossier: "D-R"))
            let id = try #require((posted.results.first?["messageIds"] as? [String])?.first)
            _ = try await harness.gateway.dispatcher.dispatchDue()
            #expect(try await harness.gateway.store.message(id: id)?.state == .failed)
            let removed = try await harness.gateway.store.purgeAll(horizon: Date().addingTimeInterval(86_400))
            #expect(removed.messages == 1)

            let read = try await api.request(.get, "/v1/messages/\(id)", as: "operator")
            #expect(read.messages.first?["to"] as? String == "***")
            #expect(read.messages.first?["text"] as? String == "")
            #expect(read.messages.first?["state"] as? String == "failed")

            let one = try await api.request(.post, "/v1/messages/\(id)/retry", as: "operator")
            #expect(one.status == .conflict)
            #expect(one.errorCode == "personal_data_removed")
            let many = try await api.post("/v1/messages/retry", as: "operator", json: ["ids": [id]])
            #expect((many.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "personalDataRemoved")
        }
    }
}
