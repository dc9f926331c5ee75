import Foundation
import LoaCore
import LoaPeers
import LoaProviders
import LoaSettings
import Testing
@testable import LoaHTTPProviders

/// `providers.<name>.inbound`: what an HTTPS provider's incoming-message webhook carries and how
/// it proves itself, read by the provider as the inbound route hands it over.
struct InboundDescriptionTests {
    static let receiptURL = "https://loa.example.vn"

    static func twilio(_ keys: [String: String] = [:]) throws -> ProviderUnderTest {
        try ProviderUnderTest.build(
            name: "sms", preset: "twilio",
            keys: ["secrets.accountSid": TwilioStandIn.accountSid, "secrets.authToken": TwilioStandIn.authToken].merging(keys) { $1 },
            receiptURL: receiptURL)
    }

    /// A Twilio-shaped form POST, signed over `signedURL` unless `signature` is given.
    static func callback(_ fields: [(String, String)], signedURL: String, signature: String? = nil) -> ReceiptCallback {
        ReceiptCallback(
            method: "POST", query: [:],
            headers: ["content-type": "application/x-www-form-urlencoded",
                      "x-twilio-signature": signature ?? TwilioStandIn.signature(url: signedURL, fields: fields)],
            body: Array(FormFields.encode(fields).utf8))
    }

    @Test("the twilio preset takes inbound messages at <receiptURL>/v1/providers/<name>/inbound and answers empty TwiML")
    func twilioPreset() async throws {
        let built = try Self.twilio()
        let provider = built.provider
        #expect(provider.takesInboundCallbacks)
        #expect(provider.description.inbound?.endpoint == "https://loa.example.vn/v1/providers/sms/inbound")
        #expect(provider.inboundAcknowledgement.body.contains("<Response></Response>"))
        let fields = [("From", "+84912345678"), ("To", "+84899000111"), ("Body", "Hủy"), ("MessageSid", "SM1")]
        let message = try provider.parseInbound(Self.callback(fields, signedURL: "https://loa.example.vn/v1/providers/sms/inbound"), receivedAt: Date())
        #expect(message.from.e164 == "+84912345678")
        #expect(message.text == "Hủy")
        #expect(message.providerMessageId == "SM1")
        try await built.shutdown()
    }

    @Test("inbound.url replaces the signed URL (a proxy's address); a signature over another URL is forged")
    func inboundURL() async throws {
        let built = try Self.twilio(["inbound.url": "https://sms.example.vn/hooks/loa"])
        let fields = [("From", "+84912345678"), ("To", "+84899000111"), ("Body", "A")]
        #expect(throws: Never.self) {
            _ = try built.provider.parseInbound(Self.callback(fields, signedURL: "https://sms.example.vn/hooks/loa"), receivedAt: Date())
        }
        #expect {
            _ = try built.provider.parseInbound(Self.callback(fields, signedURL: "https://loa.example.vn/v1/providers/sms/inbound"), receivedAt: Date())
        } throws: { ($0 as? InboundCallbackError)?.reason == .forged && ($0 as? InboundCallbackError)?.parameter == "X-Twilio-Signature" }
        try await built.shutdown()
    }

    @Test("a signed call without a phone number as sender, or without the text, is malformed, naming the field")
    func malformed() async throws {
        let built = try Self.twilio()
        let url = "https://loa.example.vn/v1/providers/sms/inbound"
        for (fields, field) in [
            ([("From", "abc"), ("To", "+84899000111"), ("Body", "A")], "From"),
            ([("From", "+84912345678"), ("Body", "A")], "To"),
            ([("From", "+84912345678"), ("To", "+84899000111")], "Body"),
        ] {
            #expect {
                _ = try built.provider.parseInbound(Self.callback(fields, signedURL: url), receivedAt: Date())
            } throws: { ($0 as? InboundCallbackError)?.reason == .malformed && ($0 as? InboundCallbackError)?.parameter == field }
        }
        try await built.shutdown()
    }

    @Test("a JSON webhook proven by a shared-secret header reads nested fields")
    func jsonWithHeader() async throws {
        let built = try Self.twilio([
            "inbound.from": "data.from", "inbound.to": "data.to", "inbound.text": "data.text", "inbound.messageId": "id",
            "inbound.authentication": "header", "inbound.header": "X-Hook-Secret", "inbound.secret": "{{authToken}}",
        ])
        let body = Array(#"{"id": 42, "data": {"from": "0912345678", "to": "8088", "text": "HS D-1"}}"#.utf8)
        let signed = ReceiptCallback(method: "POST", query: [:], headers: ["content-type": "application/json", "x-hook-secret": TwilioStandIn.authToken], body: body)
        let message = try built.provider.parseInbound(signed, receivedAt: Date())
        #expect(message.from.e164 == "+84912345678")
        #expect(message.to == "8088")
        #expect(message.providerMessageId == "42")
        var forged = signed
        forged.headers["x-hook-secret"] = "guess"
        #expect { _ = try built.provider.parseInbound(forged, receivedAt: Date()) } throws: { ($0 as? InboundCallbackError)?.reason == .forged }
        try await built.shutdown()
    }

    @Test("an inbound section without a proof of its own is refused at start-up, naming the key")
    func proofRequired() {
        #expect {
            _ = try Self.twilio(["inbound.authentication": "url"])
        } throws: { ($0 as? ConfigurationError)?.key == "providers.sms.inbound.authentication" }
    }
}
