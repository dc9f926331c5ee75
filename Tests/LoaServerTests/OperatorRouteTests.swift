import Foundation
import Hummingbird
import LoaCore
import LoaStore
import Testing

@Suite("Operator actions and status")
struct OperatorRouteTests {
    @Test("cancel an unsent message; a second cancel conflicts; retry a failed one as a new message")
    func cancelAndRetry() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.permanentFailureRate": "1"])
        try await harness.test { api in
            let first = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("a", dossier: "D-A"))
            let second = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("b", dossier: "D-B"))
            let pendingId = try #require((first.results.first?["messageIds"] as? [String])?.first)

            let cancelled = try await api.request(.post, "/v1/messages/\(pendingId)/cancel", as: "operator")
            #expect(cancelled.status == .ok)
            #expect((cancelled.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "cancelled")
            let again = try await api.request(.post, "/v1/messages/\(pendingId)/cancel", as: "operator")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "not_allowed")

            _ = try await harness.gateway.dispatcher.dispatchDue()
            let failedId = try #require((second.results.first?["messageIds"] as? [String])?.first)
            #expect(try await harness.gateway.store.message(id: failedId)?.state == .failed)
            let retried = try await api.post("/v1/messages/retry", as: "operator", json: ["ids": [failedId, "msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ"]])
            #expect(retried.status == .ok)
            let results = retried.json["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["outcome"] as? String } == ["retried", "notFound"])
            let newId = try #require(results.first?["newMessageId"] as? String)
            let copy = try await api.request(.get, "/v1/messages/\(newId)", as: "operator")
            #expect(copy.messages.first?["retryOf"] as? String == failedId)
            #expect(copy.messages.first?["state"] as? String == "pending")
        }
    }

    @Test("only operators act; bad bodies are refused", arguments: ["officer", "ingest"])
    func access(role: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            #expect(try await api.request(.post, "/v1/messages/msg_x/retry", as: role).status == .forbidden)
            #expect(try await api.request(.get, "/v1/status", as: role).status == .forbidden)
            #expect(try await api.request(.post, "/v1/messages/msg_x/retry", as: "operator").status == .notFound)
            #expect(try await api.request(.post, "/v1/messages/cancel", as: "operator", body: "[1,2]").status == .badRequest)
            let empty = try await api.post("/v1/messages/cancel", as: "operator", json: ["ids": [String]()])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.errorField == "ids")
        }
    }

    @Test("status counts every state and the in-doubt attempts")
    func status() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            _ = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("s"))
            let reply = try await api.request(.get, "/v1/status", as: "operator")
            #expect(reply.status == .ok)
            let byState = reply.json["messagesByState"] as? [String: Int] ?? [:]
            #expect(byState["pending"] == 1)
            #expect(byState["delivered"] == 0)
            #expect(byState.count == MessageState.allCases.count)
            #expect(reply.json["inDoubtAttempts"] as? Int == 0)
        }
    }
}
