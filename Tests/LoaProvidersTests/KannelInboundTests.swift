import Foundation
import LoaCore
@testable import LoaProviders
import Testing

/// How the Kannel adapter reads what residents send, as Kannel's `sms-service` `get-url` hands
/// it over (real Kannel runs in LoaEndToEndTests).
@Suite("Kannel inbound callbacks")
struct KannelInboundTests {
    static let secret = "kannel-inbound-secret-of-32-bytes-or-more"
    static let receivedAt = Date(timeIntervalSince1970: 1_796_000_000)

    static func provider(inboundSecret: String? = secret) -> KannelProvider {
        try! KannelProvider(
            name: "kannel",
            settings: KannelSettings(
                sendURL: URL(string: "http://127.0.0.1:13013/cgi-bin/sendsms")!, username: "loa", password: "p",
                receiptBaseURL: URL(string: "http://127.0.0.1:8080/")!, receiptSecret: "secret", inboundSecret: inboundSecret))
    }

    /// A `GET` as Kannel sends it: `query` in the order given, each value percent-encoded as
    /// written (the caller encodes); `query` decoded the way Hummingbird does for the others.
    static func callback(_ pairs: [(String, String)]) -> ReceiptCallback {
        let raw = pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        var query: [String: String] = [:]
        for (name, value) in pairs where query[name] == nil {
            query[name] = String(decoding: KannelInboundText.percentDecoded(Array(value.utf8)), as: UTF8.self)
        }
        return ReceiptCallback(method: "GET", query: query, rawQuery: raw)
    }

    static func parse(_ pairs: [(String, String)], provider: KannelProvider = provider()) throws(InboundCallbackError) -> InboundMessage {
        try provider.parseInbound(callback(pairs), receivedAt: receivedAt)
    }

    static let key = ("key", secret)

    @Test("a GSM-7 message (Kannel's charset UTF-8) with its id, sender and short code")
    func plainMessage() throws {
        let message = try Self.parse([Self.key, ("id", "0b7e1a52-3c1d-4f5e-9a8b-1c2d3e4f5a6b"), ("from", "%2B84912345678"), ("to", "8088"),
                                      ("text", "HS+000.00.00.H15-241130-0001%20a%2Bb"), ("coding", "0"), ("charset", "UTF-8")])
        #expect(message == InboundMessage(
            provider: "kannel", providerMessageId: "0b7e1a52-3c1d-4f5e-9a8b-1c2d3e4f5a6b", from: try PhoneNumber(parsing: "0912345678"),
            to: "8088", text: "HS 000.00.00.H15-241130-0001 a+b", receivedAt: Self.receivedAt))
    }

    @Test("a sender in any form Kannel passes it is read as E.164", arguments: ["84912345678", "%2B84912345678", "0912345678", "0084912345678"])
    func senderForms(from: String) throws {
        let message = try Self.parse([Self.key, ("from", from), ("to", "8088"), ("text", "TC")])
        #expect(message.from.e164 == "+84912345678")
        #expect(message.providerMessageId == nil, "no id: every hand-over is stored")
    }

    @Test("Vietnamese text arrives as UCS-2: UTF-16BE bytes, by charset or by coding alone")
    func unicodeMessage() throws {
        let text = "Tra cứu hồ sơ 🙏"
        let utf16 = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let encoded = utf16.map { String(format: "%%%02X", $0) }.joined()
        for extra in [[("charset", "UTF-16BE"), ("coding", "2")], [("coding", "2")], [("charset", "ucs-2")]] {
            let message = try Self.parse([Self.key, ("from", "0912345678"), ("to", "8088"), ("text", encoded)] + extra)
            #expect(message.text == text, "\(extra)")
        }
        let utf8 = Array(text.utf8).map { String(format: "%%%02x", $0) }.joined()
        #expect(try Self.parse([Self.key, ("from", "0912345678"), ("to", "8088"), ("text", utf8), ("charset", "utf-8")]).text == text)
        #expect(try Self.parse([Self.key, ("from", "0912345678"), ("to", "8088"), ("text", "Ph%E1"), ("charset", "ISO-8859-1")]).text == "Phá")
    }

    @Test("a missing or wrong key is refused as forged before anything else is read", arguments: [
        [("from", "not a number")],
        [("key", ""), ("from", "0912345678"), ("to", "8088"), ("text", "x")],
        [("key", "kannel-inbound-secret-of-32-bytes-or-morf"), ("from", "0912345678"), ("to", "8088"), ("text", "x")],
        [("key", "kannel-inbound-secret-of-32-bytes-or-more-and-then-some"), ("from", "0912345678"), ("to", "8088"), ("text", "x")],
    ])
    func forged(pairs: [(String, String)]) {
        #expect(throws: InboundCallbackError(
            parameter: "key", message: "the key is missing or wrong: the sms-service get-url must carry key=<providers.kannel.inboundSecret>",
            reason: .forged)) {
            try Self.parse(pairs)
        }
    }

    @Test("each unreadable parameter is named", arguments: [
        ([("to", "8088"), ("text", "x")], "from"),
        ([("from", "12345"), ("to", "8088"), ("text", "x")], "from"),
        ([("from", "0241234567"), ("to", "8088"), ("text", "x")], "from"),
        ([("from", "0912345678"), ("text", "x")], "to"),
        ([("from", "0912345678"), ("to", String(repeating: "9", count: 33)), ("text", "x")], "to"),
        ([("from", "0912345678"), ("to", "8088")], "text"),
        ([("from", "0912345678"), ("to", "8088"), ("text", "%FF%FE"), ("charset", "UTF-8")], "text"),
        ([("from", "0912345678"), ("to", "8088"), ("text", "%00A%00"), ("charset", "UTF-16BE")], "text"),
        ([("from", "0912345678"), ("to", "8088"), ("text", "%D8%00"), ("coding", "2")], "text"),
        ([("from", "0912345678"), ("to", "8088"), ("text", "%01%02"), ("charset", "binary")], "charset"),
        ([("from", "0912345678"), ("to", "8088"), ("text", "x"), ("charset", "KOI8-R")], "charset"),
    ] as [([(String, String)], String)])
    func malformed(pairs: [(String, String)], parameter: String) {
        do {
            _ = try Self.parse([Self.key] + pairs)
            Issue.record("\(pairs) should be refused, naming \(parameter)")
        } catch {
            #expect(error.parameter == parameter)
            #expect(error.reason == .malformed)
            #expect(!error.message.contains("0912345678"), "the message names no phone number")
        }
    }

    @Test("an empty text is a message too")
    func emptyText() throws {
        #expect(try Self.parse([Self.key, ("from", "0912345678"), ("to", "8088"), ("text", "")]).text == "")
    }

    @Test("without providers.<name>.inboundSecret the provider takes no inbound callbacks")
    func notConfigured() {
        #expect(Self.provider().takesInboundCallbacks)
        #expect(!Self.provider(inboundSecret: nil).takesInboundCallbacks)
        #expect(throws: InboundCallbackError.self) {
            try Self.parse([("key", ""), ("from", "0912345678"), ("to", "8088"), ("text", "x")], provider: Self.provider(inboundSecret: nil))
        }
    }
}
