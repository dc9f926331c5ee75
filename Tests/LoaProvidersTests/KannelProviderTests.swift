import Foundation
import LoaCore
@testable import LoaProviders
import Testing

/// How the Kannel adapter reads Kannel's answers and reports (real Kannel runs in LoaEndToEndTests).
@Suite("Kannel adapter")
struct KannelProviderTests {
    static let submittedAt = Date(timeIntervalSince1970: 1_796_000_000)
    let provider = try! KannelProvider(
        name: "kannel",
        settings: KannelSettings(
            sendURL: URL(string: "http://127.0.0.1:13013/cgi-bin/sendsms")!, username: "loa", password: "p&ss word",
            receiptBaseURL: URL(string: "http://127.0.0.1:8080/")!, receiptSecret: "secret", receiptValiditySeconds: 3600),
        now: { KannelProviderTests.submittedAt })

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

    @Test("Kannel's error text is capped and stripped of control characters before it is kept or logged")
    func answerCleaned() {
        let body = "Rejected\nFAKE-LOG-LINE level=info \u{202E}txet" + String(repeating: "x", count: 70_000)
        do {
            _ = try KannelProvider.interpret(status: 400, body: body, messageId: "msg_1")
            Issue.record("a 400 was taken as accepted")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.unicodeScalars.contains("\u{202E}"))
            #expect(error.description.utf8.count < ProviderAnswer.maxBytes + 200)
            #expect(error.description.contains("Rejected FAKE-LOG-LINE"))
        }
    }

    @Test("the sendsms URL carries UCS-2 coding, credentials encoded, and a signed dlr-url")
    func sendURL() throws {
        let request = SubmitRequest(messageId: "msg_1", attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Hồ sơ & kết quả", encoding: .ucs2, segments: 1, sender: "Loa", kind: .resultReady)
        let url = "http://127.0.0.1:13013" + provider.sendTarget(for: request)
        #expect(url.hasPrefix("http://127.0.0.1:13013/cgi-bin/sendsms?username=loa&"))
        #expect(url.contains("coding=2"))
        #expect(url.contains("charset=UTF-8"))
        #expect(url.contains("password=p%26ss%20word"))
        #expect(url.contains("to=%2B84912345678"))
        #expect(url.contains("dlr-mask=31"))
        let components = try #require(URLComponents(string: url))
        let dlr = try #require(components.queryItems?.first { $0.name == "dlr-url" }?.value)
        let expires = Int64(Self.submittedAt.timeIntervalSince1970) + 3600
        #expect(dlr.hasPrefix("http://127.0.0.1:8080/v1/providers/kannel/receipts?messageId=msg_1&attempt=1&expires=\(expires)&sig="))
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
        let request = SubmitRequest(messageId: "msg_1", attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Hi", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
        let target = routed.sendTarget(for: request)
        #expect(target.hasPrefix("/cgi-bin/sendsms?smsc=viettel&username=loa&"))
        let components = try #require(URLComponents(string: "http://127.0.0.1:13013" + target))
        #expect(components.queryItems?.first { $0.name == "smsc" }?.value == "viettel")
        #expect(components.queryItems?.first { $0.name == "username" }?.value == "loa")
    }

    /// The parameters Kannel sends back for `request`'s dlr-url, as a report of `type`.
    func callback(for request: SubmitRequest, type: Int) throws -> [String: String] {
        let target = provider.sendTarget(for: request)
        let components = try #require(URLComponents(string: "http://127.0.0.1:13013" + target))
        let dlr = try #require(components.queryItems?.first { $0.name == "dlr-url" }?.value)
        let expanded = dlr.replacingOccurrences(of: "%d", with: String(type)).replacingOccurrences(of: "%A", with: "stat:DELIVRD")
        let items = try #require(URLComponents(string: expanded)?.queryItems)
        return Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
    }

    @Test("reports: the dlr-url round-trips; types map to the receipt vocabulary; the attempt comes back")
    func reports() throws {
        let request = SubmitRequest(messageId: "msg_1", attempt: 3, to: try PhoneNumber(parsing: "0912345678"), text: "Hi", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
        let within = Self.submittedAt.addingTimeInterval(3599)
        let delivered = try provider.parseReceipt(parameters: try callback(for: request, type: 1), receivedAt: within)
        #expect(delivered.status == .delivered)
        #expect(delivered.messageId == "msg_1")
        #expect(delivered.attempt == 3)
        #expect(delivered.detail == "kannel dlr type 1 (stat:DELIVRD)")
        #expect(try provider.parseReceipt(parameters: try callback(for: request, type: 8), receivedAt: within).status == .accepted)
        #expect(try provider.parseReceipt(parameters: try callback(for: request, type: 16), receivedAt: within).status == .rejected)
    }

    @Test("a signature does not pass for another message, another attempt or a later expiry", arguments: [
        ("messageId", "msg_2"), ("attempt", "4"), ("expires", "4102444800"), ("sig", "00000000000000000000000000000000"),
    ])
    func forged(parameter: String, value: String) throws {
        let request = SubmitRequest(messageId: "msg_1", attempt: 3, to: try PhoneNumber(parsing: "0912345678"), text: "Hi", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
        var parameters = try callback(for: request, type: 1)
        parameters[parameter] = value
        do {
            _ = try provider.parseReceipt(parameters: parameters, receivedAt: Self.submittedAt)
            Issue.record("a report with \(parameter) changed must not pass")
        } catch {
            #expect(error.reason == .forged)
            #expect(error.parameter == "sig")
        }
    }

    @Test("an authentic report past its expiry is refused as expired; missing parts as malformed")
    func expiredAndMalformed() throws {
        let request = SubmitRequest(messageId: "msg_1", attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Hi", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
        let parameters = try callback(for: request, type: 1)
        #expect(throws: Never.self) { try provider.parseReceipt(parameters: parameters, receivedAt: Self.submittedAt.addingTimeInterval(3600)) }
        do {
            _ = try provider.parseReceipt(parameters: parameters, receivedAt: Self.submittedAt.addingTimeInterval(3601))
            Issue.record("a report after its expiry must be refused")
        } catch {
            #expect(error.reason == .expired)
            #expect(error.parameter == "expires")
        }
        for (missing, expected) in [("messageId", "messageId"), ("attempt", "attempt"), ("expires", "expires"), ("type", "type")] {
            var incomplete = parameters
            incomplete[missing] = nil
            do {
                _ = try provider.parseReceipt(parameters: incomplete, receivedAt: Self.submittedAt)
                Issue.record("a report without \(missing) must be refused")
            } catch {
                #expect(error.reason == .malformed, "\(missing)")
                #expect(error.parameter == expected)
            }
        }
        var zeroth = parameters
        zeroth["attempt"] = "0"
        #expect(throws: ReceiptCallbackError.self) { try provider.parseReceipt(parameters: zeroth, receivedAt: Self.submittedAt) }
    }
}
