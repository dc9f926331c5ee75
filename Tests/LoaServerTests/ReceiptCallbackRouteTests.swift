import Foundation
import HTTPTypes
import LoaCore
import LoaProviders
import LoaStore
import Testing

/// `POST /v1/providers/{name}/receipts`: HTTPS providers post their reports (form or JSON) to
/// the signed callback URL; the query is checked as for `GET`, then the provider's own proof.
@Suite("Receipt callbacks by POST")
struct ReceiptCallbackRouteTests {
    static let twilioSecret = "twilio-receipt-secret-of-at-least-32-bytes"

    /// A gateway with a Twilio-preset provider beside the test Kannel.
    static func gateway() async throws -> TestGateway {
        try await TestGateway.make([
            "providers.twilio.type": "http",
            "providers.twilio.preset": TestGateway.repositoryRoot.appendingPathComponent("config/providers/twilio.yaml").path,
            "providers.twilio.secrets.accountSid": "AC0123",
            "providers.twilio.secrets.authToken": "twilio-auth-token",
            "providers.twilio.receiptSecret": twilioSecret,
            "providers.twilio.receiptURL": "https://loa.example.vn",
        ])
    }

    /// The path and query of a signed callback URL.
    static func target(_ url: String) -> String { String(url[url.range(of: "/v1/")!.lowerBound...]) }

    @Test("a Kannel report posted to its dlr-url counts as the GET would; the URL signer is Kannel's scheme")
    func kannelReportByPost() async throws {
        let harness = try await Self.gateway()
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)
            let store = harness.gateway.store
            #expect(try await store.claimDue(now: Date(), limit: 1, leaseOwner: "test", leaseSeconds: 60).map(\.attempt) == [1])
            try await store.record([AttemptOutcome(messageId: id, attempt: 1, provider: "kannel", result: .sent(providerMessageId: id), finishedAt: Date())])
            let signer = ReceiptURLSigner(
                provider: "kannel", secret: "test-receipt-secret-of-at-least-32-bytes", baseURL: URL(string: "http://127.0.0.1")!, validitySeconds: 3600)
            let target = Self.target(signer.url(messageId: id, attempt: 1, now: Date())) + "&type=1"
            let reply = try await api.request(.post, target)
            #expect(reply.status == .ok)
            #expect(try await store.message(id: id)?.state == .delivered)
        }
    }

    @Test("a Twilio report without a matching X-Twilio-Signature is 403; an oversized body 413")
    func twilioSignatureRequired() async throws {
        let harness = try await Self.gateway()
        try await harness.test { api in
            let signer = ReceiptURLSigner(
                provider: "twilio", secret: Self.twilioSecret, baseURL: URL(string: "https://loa.example.vn")!, validitySeconds: 3600)
            let target = Self.target(signer.url(messageId: "msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ", attempt: 1, now: Date()))
            // The test client posts JSON; the signature covers the URL and any form parameters.
            let report = #"{"MessageSid": "SM1", "MessageStatus": "delivered"}"#
            for signature in [nil, "bm90IHRoZSBzaWduYXR1cmU="] as [String?] {
                var headers: HTTPFields = [:]
                if let signature { headers[HTTPField.Name("X-Twilio-Signature")!] = signature }
                let reply = try await api.request(.post, target, body: report, headers: headers)
                #expect(reply.status == .forbidden)
                #expect(reply.errorCode == "bad_signature")
                #expect(reply.errorField == "X-Twilio-Signature")
            }
            let large = try await api.request(.post, target, body: "\"" + String(repeating: "a", count: 70_000) + "\"")
            #expect(large.status == .contentTooLarge)
        }
    }
}
