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
            #expect(message["to"] as? String == "*******678")
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
            let valid = Self.receiptTarget(kannel, id: id, attempt: 1, type: 1)

            let forged = try await api.request(.get, valid.replacingOccurrences(of: "&sig=", with: "&sig=0"))
            #expect(forged.status == .forbidden)
            #expect(forged.errorCode == "bad_signature")
            #expect(forged.errorField == "sig")
            let badType = try await api.request(.get, Self.receiptTarget(kannel, id: id, attempt: 1, type: 99))
            #expect(badType.status == .unprocessableContent)
            #expect(badType.errorField == "type")
            #expect(try await api.request(.get, "/v1/providers/nobody/receipts?messageId=\(id)").status == .notFound)

            let ok = try await api.request(.get, valid)
            #expect(ok.status == .ok)
            #expect(try await harness.gateway.store.message(id: id)?.state == .delivered)
        }
    }

    @Test("a forged, replayed, cross-attempt or expired Kannel report changes nothing")
    func receiptsCannotBeForgedOrReplayed() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)
            // Attempt 1 times out; attempt 2 is accepted by Kannel.
            let store = harness.gateway.store
            #expect(try await store.claimDue(now: Date(), limit: 1, leaseOwner: "test", leaseSeconds: 60).map(\.attempt) == [1])
            try await store.record([AttemptOutcome(
                messageId: id, attempt: 1, provider: "kannel",
                result: .retry(failure: .transient("kannel_unreachable", "timeout"), retryAt: Date()), finishedAt: Date())])
            #expect(try await store.claimDue(now: Date(), limit: 1, leaseOwner: "test", leaseSeconds: 60).map(\.attempt) == [2])
            try await store.record([AttemptOutcome(messageId: id, attempt: 2, provider: "kannel", result: .sent(providerMessageId: id), finishedAt: Date())])
            let kannel = try #require(harness.gateway.providers.provider(named: "kannel") as? KannelProvider)

            // Attempt 1's report is authentic but stale: acknowledged (so Kannel stops sending
            // it), kept for the record, not applied.
            let stale = try await api.request(.get, Self.receiptTarget(kannel, id: id, attempt: 1, type: 2))
            #expect(stale.status == .ok)
            #expect(try await store.message(id: id)?.state == .sent)
            // Attempt 1's signature does not carry over to attempt 2.
            let crossed = Self.receiptTarget(kannel, id: id, attempt: 1, type: 2).replacingOccurrences(of: "&attempt=1&", with: "&attempt=2&")
            let forged = try await api.request(.get, crossed)
            #expect(forged.status == .forbidden)
            #expect(forged.errorCode == "bad_signature")
            // Past its expiry, even a correctly signed report is refused.
            let expired = try await api.request(.get, Self.receiptTarget(kannel, id: id, attempt: 2, type: 2, expires: Date().addingTimeInterval(-1)))
            #expect(expired.status == .gone)
            #expect(expired.errorCode == "receipt_expired")
            #expect(expired.errorField == "expires")
            #expect(try await store.message(id: id)?.state == .sent)

            let delivered = Self.receiptTarget(kannel, id: id, attempt: 2, type: 1)
            #expect(try await api.request(.get, delivered).status == .ok)
            #expect(try await store.message(id: id)?.state == .delivered)
            // Replayed, or contradicted within the expiry: acknowledged, neither kept nor applied.
            #expect(try await api.request(.get, delivered).status == .ok)
            #expect(try await api.request(.get, Self.receiptTarget(kannel, id: id, attempt: 2, type: 2)).status == .ok)
            #expect(try await store.message(id: id)?.state == .delivered)
            let kept = try await store.receipts(messageId: id)
            #expect(kept.map(\.attempt) == [1, 2])
            #expect(kept.map(\.applied) == [false, true])
            #expect(kept.map(\.status) == [.undelivered, .delivered])
        }
    }

    /// The request target Kannel calls for a report of `type` on `attempt`, as Loa signs it.
    static func receiptTarget(_ kannel: KannelProvider, id: String, attempt: Int, type: Int, expires: Date = Date().addingTimeInterval(3600)) -> String {
        let url = kannel.receiptURL(messageId: id, attempt: attempt, expires: Int64(expires.timeIntervalSince1970))
        let target = url[url.range(of: "/v1/")!.lowerBound...]
        return target.replacingOccurrences(of: "%d", with: String(type)).replacingOccurrences(of: "%A", with: "")
    }
}

@Suite("GET /v1/messages parameters")
struct MessagesQueryTests {
    @Test("a query parameter the list does not take is 422 naming it (schemathesis found it ignored)")
    func unknownParameter() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(.get, "/v1/messages?dossierCode=0&%7B%21=null", as: "operator")
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorCode == "unknown_parameter")
            #expect(reply.errorField == "%7B%21", "named as written in the URL")
            #expect(try await api.request(.get, "/v1/messages?dossierCode=0", as: "operator").status == .ok)
        }
    }
}
