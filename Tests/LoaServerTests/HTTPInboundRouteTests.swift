import Foundation
import LoaCore
import LoaPeers
import LoaServer
import LoaStore
import LoaTestSupport
import Testing

/// `POST /v1/providers/{name}/inbound` for an HTTPS provider described by its preset: the Twilio
/// stand-in hands over what a resident sent the way Twilio's incoming-message webhook does, to
/// the gateway's real HTTP server on loopback.
@Suite("Inbound route for HTTPS presets")
struct HTTPInboundRouteTests {
    /// The webhook URL as configured in the Twilio console (what Twilio signs); the request
    /// itself reaches the loopback port, as behind a proxy.
    static let publicURL = "https://loa.example.vn"

    static func serving(_ body: @Sendable (String, Gateway) async throws -> Void) async throws {
        let test = try await TestGateway.make([
            "server.port": "0",
            "providers.twilio.type": "http",
            "providers.twilio.preset": TestGateway.repositoryRoot.appendingPathComponent("config/providers/twilio.yaml").path,
            "providers.twilio.secrets.accountSid": TwilioStandIn.accountSid,
            "providers.twilio.secrets.authToken": TwilioStandIn.authToken,
            "providers.twilio.receiptSecret": "twilio-receipt-secret-of-at-least-32-bytes",
            "providers.twilio.receiptURL": publicURL,
        ])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            try await body("http://127.0.0.1:\(port)/v1/providers/twilio/inbound", test.gateway)
        }
    }

    static func send(_ url: String, sid: String = "SM0f1e2d3c4b5a69788796a5b4c3d2e1f0", body: String = "HS D-1 đã nhận", signature: String? = nil) async throws -> TwilioStandIn.WebhookAnswer {
        try await TwilioStandIn.sendIncoming(
            messageSid: sid, from: "+84912345678", to: "+84899000111", body: body, deliverTo: url,
            signedURL: "\(publicURL)/v1/providers/twilio/inbound", signature: signature)
    }

    @Test("a signed incoming message is stored before the empty TwiML answer; Twilio's retry is answered alike and stored once")
    func storedOnce() async throws {
        try await Self.serving { url, gateway in
            let answer = try await Self.send(url)
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("text/xml") == true)
            #expect(answer.body.contains("<Response></Response>"), "empty TwiML: Twilio sends the resident nothing back")
            let stored = try await gateway.store.inboundMessages(after: 0, limit: 10)
            #expect(stored.count == 1, "committed when the answer came")
            let message = try #require(stored.first?.message)
            #expect(message.provider == "twilio")
            #expect(message.providerMessageId == "SM0f1e2d3c4b5a69788796a5b4c3d2e1f0")
            #expect(message.from.e164 == "+84912345678")
            #expect(message.to == "+84899000111")
            #expect(message.text == "HS D-1 đã nhận")

            let again = try await Self.send(url)
            #expect(again.status == 200)
            #expect(again.body == answer.body)
            let other = try await Self.send(url, sid: "SM00000000000000000000000000000002", body: "HUY")
            #expect(other.status == 200)
            let all = try await gateway.store.inboundMessages(after: 0, limit: 10)
            #expect(all.map(\.message.providerMessageId) == ["SM0f1e2d3c4b5a69788796a5b4c3d2e1f0", "SM00000000000000000000000000000002"])
        }
    }

    @Test("a forged or missing X-Twilio-Signature is refused 403 and stores nothing", arguments: [
        "", "bm90IHRoZSBzaWduYXR1cmU=",
        // Signed for another URL: a signature is not portable between webhooks.
        TwilioStandIn.signature(url: "https://elsewhere.example/v1/providers/twilio/inbound", fields: [("Body", "HS D-1 đã nhận")]),
    ])
    func forged(signature: String) async throws {
        try await Self.serving { url, gateway in
            let answer = try await Self.send(url, signature: signature)
            #expect(answer.status == 403)
            let error = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any]
            #expect((error?["error"] as? [String: Any])?["field"] as? String == "X-Twilio-Signature")
            #expect(try await gateway.store.inboundMessages(after: 0, limit: 10).isEmpty)
        }
    }
}
