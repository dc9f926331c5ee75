import Foundation
import LoaCore
@testable import LoaProviders
import Testing

/// How the Kannel adapter reads Kannel's answers and reports (real Kannel runs in LoaEndToEndTests).
@Suite("Kannel adapter")
struct KannelProviderTests {
    let provider = try! KannelProvider(
        name: "kannel",
        settings: KannelSettings(
            sendURL: URL(string: "http://127.0.0.1:13013/cgi-bin/sendsms")!, username: "loa", password: "p&ss word",
            receiptBaseURL: URL(string: "http://127.0.0.1:8080/")!, receiptSecret: "secret"))

    @Test("Kannel's answers are classified as the shared vocabulary says", arguments: [
        (202, "0: Accepted for delivery", nil),
        (202, "3: Queued for later delivery", nil),
        (403, "Authorization failed for sendsms", SubmitFailure.Kind.permanent),
        (400, "Missing receiver number, rejected", .permanent),
        (429, "slow down", .transient),
        (503, "", .transient),
        (500, "", .transient),
    ] as [(Int, String, SubmitFailure.Kind?)])
    func answers(status: Int, body: String, expected: SubmitFailure.Kind?) {
        do {
            let id = try KannelProvider.interpret(status: status, body: body, messageId: "msg_1", retryAfterSeconds: 30)
            #expect(expected == nil)
            #expect(id == "msg_1")
        } catch {
            #expect(error.kind == expected)
            if status == 429 { #expect(error.retryAfterSeconds == 30) }
        }
    }

    @Test("the sendsms URL carries UCS-2 coding, credentials encoded, and a signed dlr-url")
    func sendURL() throws {
        let request = SubmitRequest(messageId: "msg_1", to: try PhoneNumber(parsing: "0912345678"), text: "Hồ sơ & kết quả", encoding: .ucs2, segments: 1)
        let url = "http://127.0.0.1:13013" + provider.sendTarget(for: request)
        #expect(url.hasPrefix("http://127.0.0.1:13013/cgi-bin/sendsms?username=loa&"))
        #expect(url.contains("coding=2"))
        #expect(url.contains("charset=UTF-8"))
        #expect(url.contains("password=p%26ss%20word"))
        #expect(url.contains("to=%2B84912345678"))
        #expect(url.contains("dlr-mask=31"))
        let components = try #require(URLComponents(string: url))
        let dlr = try #require(components.queryItems?.first { $0.name == "dlr-url" }?.value)
        #expect(dlr.hasPrefix("http://127.0.0.1:8080/v1/providers/kannel/receipts?messageId=msg_1&sig="))
        #expect(dlr.hasSuffix("&type=%d&answer=%A"))
        #expect(components.queryItems?.first { $0.name == "text" }?.value == "Hồ sơ & kết quả")
    }

    @Test("a sendsms URL with its own query (an smsc route) keeps it")
    func sendURLWithQuery() throws {
        let routed = try KannelProvider(
            name: "kannel",
            settings: KannelSettings(
                sendURL: URL(string: "http://127.0.0.1:13013/cgi-bin/sendsms?smsc=viettel")!, username: "loa", password: "p",
                receiptBaseURL: URL(string: "http://127.0.0.1:8080")!, receiptSecret: "secret"))
        let request = SubmitRequest(messageId: "msg_1", to: try PhoneNumber(parsing: "0912345678"), text: "Hi", encoding: .gsm7, segments: 1)
        let target = routed.sendTarget(for: request)
        #expect(target.hasPrefix("/cgi-bin/sendsms?smsc=viettel&username=loa&"))
        let components = try #require(URLComponents(string: "http://127.0.0.1:13013" + target))
        #expect(components.queryItems?.first { $0.name == "smsc" }?.value == "viettel")
        #expect(components.queryItems?.first { $0.name == "username" }?.value == "loa")
    }

    @Test("reports: types map to the receipt vocabulary; a wrong signature is an authentication failure")
    func reports() throws {
        let signature = provider.signature("msg_1")
        let delivered = try provider.parseReceipt(parameters: ["messageId": "msg_1", "sig": signature, "type": "1"], receivedAt: Date())
        #expect(delivered.status == .delivered)
        #expect(delivered.messageId == "msg_1")
        #expect(try provider.parseReceipt(parameters: ["messageId": "msg_1", "sig": signature, "type": "8"], receivedAt: Date()).status == .accepted)
        #expect(try provider.parseReceipt(parameters: ["messageId": "msg_1", "sig": signature, "type": "16"], receivedAt: Date()).status == .undelivered)
        do {
            _ = try provider.parseReceipt(parameters: ["messageId": "msg_2", "sig": signature, "type": "1"], receivedAt: Date())
            Issue.record("a signature for another message must not pass")
        } catch {
            #expect(error.isAuthenticationFailure)
            #expect(error.parameter == "sig")
        }
    }
}
