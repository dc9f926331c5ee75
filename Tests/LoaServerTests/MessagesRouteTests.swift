import Foundation
import Hummingbird
@testable import LoaProviders
import LoaStore
import Testing

@Suite("Messages, sandbox and delivery")
struct MessagesRouteTests {
    @Test("a message goes pending → sent → delivered through the sandbox, and reads back masked")
    func deliveredThroughSandbox() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1", locale: "hmn"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)

            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1)
            let sent = try await api.request(.get, "/v1/messages/\(id)", as: "operator")
            #expect(sent.messages.first?["state"] as? String == "sent")

            try await Task.sleep(for: .milliseconds(20))
            await harness.gateway.providers.sandbox?.deliverDueReceipts()
            let delivered = try await api.request(.get, "/v1/messages/\(id)", as: "operator")
            let message = try #require(delivered.messages.first)
            #expect(message["state"] as? String == "delivered")
            #expect(message["to"] as? String == "0912***678")
            #expect(message["encoding"] as? String == "GSM-7")
            #expect(message["attempts"] as? Int == 1)
            #expect(message["provider"] as? String == "sandbox")
            #expect(message["locale"] as? String == "hmn")
            #expect(message["kind"] as? String == "result_ready")
            #expect(!delivered.body.contains("+84912345678"))

            let sandbox = try await api.request(.get, "/v1/sandbox/messages", as: "operator")
            let log = try #require(try JSONSerialization.jsonObject(with: Data(sandbox.body.utf8)) as? [[String: Any]])
            #expect(log.count == 1)
            #expect(log.first?["to"] as? String == "+84912345678")
            #expect(log.first?["text"] as? String == message["text"] as? String)
            #expect(log.first?["segments"] as? Int == message["segments"] as? Int)
            #expect(log.first?["providerMessageId"] is String)
            #expect(log.first?["at"] is String)
        }
    }

    @Test("an officer sees their own commune's messages only; others get 404 or an empty list")
    func officerScope() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1", commune: "na-u"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)
            #expect(try await api.request(.get, "/v1/messages/\(id)", as: "officer").status == .ok)
            #expect(try await api.request(.get, "/v1/messages/\(id)", as: "otherOfficer").status == .notFound)
            let code = "000.00.00.H15-241130-0001"
            #expect(try await api.request(.get, "/v1/messages?dossierCode=\(code)", as: "officer").messages.count == 1)
            #expect(try await api.request(.get, "/v1/messages?dossierCode=\(code)", as: "otherOfficer").messages.isEmpty)
            #expect(try await api.request(.get, "/v1/messages?dossierCode=\(code)", as: "admin").messages.count == 1)
        }
    }

    @Test("listing without dossierCode is 422; an unknown id is 404")
    func badQueries() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let missing = try await api.request(.get, "/v1/messages", as: "operator")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorField == "dossierCode")
            #expect(try await api.request(.get, "/v1/messages/msg_nope", as: "operator").status == .notFound)
        }
    }

    @Test("Kannel receipts need the right signature and move the message forward")
    func kannelReceipts() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)
            _ = try await harness.gateway.dispatcher.dispatchDue()
            let kannel = try #require(harness.gateway.providers.provider(named: "kannel") as? KannelProvider)
            let signature = kannel.signature(id)

            let forged = try await api.request(.get, "/v1/providers/kannel/receipts?messageId=\(id)&sig=0000&type=1")
            #expect(forged.status == .forbidden)
            #expect(forged.errorField == "sig")
            let badType = try await api.request(.get, "/v1/providers/kannel/receipts?messageId=\(id)&sig=\(signature)&type=99")
            #expect(badType.status == .unprocessableContent)
            #expect(badType.errorField == "type")
            #expect(try await api.request(.get, "/v1/providers/nobody/receipts?messageId=\(id)").status == .notFound)

            let ok = try await api.request(.get, "/v1/providers/kannel/receipts?messageId=\(id)&sig=\(signature)&type=1&answer=")
            #expect(ok.status == .ok)
            #expect(try await harness.gateway.store.message(id: id)?.state == .delivered)
        }
    }
}
