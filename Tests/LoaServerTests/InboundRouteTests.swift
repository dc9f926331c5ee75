import Foundation
import LoaCore
import LoaServer
import LoaStore
import LoaTestSupport
import Testing

/// `GET`/`POST /v1/providers/{name}/inbound` on a real gateway over loopback: what a resident
/// sends is stored before it is answered, once however often it comes, and only from the
/// provider that holds the secret.
@Suite("Inbound route")
struct InboundRouteTests {
    static let secret = "test-inbound-secret-of-at-least-32-bytes"

    /// Serves a gateway whose Kannel provider takes inbound messages while `body` runs.
    static func serving(_ body: @Sendable (String, Gateway) async throws -> Void) async throws {
        let test = try await TestGateway.make(["server.port": "0", "providers.kannel.inboundSecret": secret])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            try await body("http://127.0.0.1:\(port)/v1/providers/kannel/inbound", test.gateway)
        }
    }

    static func query(key: String? = secret, id: String? = "kannel-id-1", from: String = "%2B84912345678", text: String = "HS%20D-1") -> String {
        var pairs = key.map { ["key=\($0)"] } ?? []
        if let id { pairs.append("id=\(id)") }
        pairs += ["from=\(from)", "to=8088", "text=\(text)", "coding=0", "charset=UTF-8"]
        return pairs.joined(separator: "&")
    }

    @Test("an inbound message is committed before the empty 200; a repeat is answered 200 and stored once")
    func storedOnce() async throws {
        try await Self.serving { url, gateway in
            let reply = try await HTTPJSON.send(.GET, "\(url)?\(Self.query())", body: nil)
            #expect(reply.status == 200)
            #expect(reply.body.isEmpty, "an empty body: Kannel sends the resident nothing back")
            let stored = try await gateway.store.inboundMessages(after: 0, limit: 10)
            #expect(stored.count == 1, "committed when the answer came")
            #expect(stored.first?.message.provider == "kannel")
            #expect(stored.first?.message.providerMessageId == "kannel-id-1")
            #expect(stored.first?.message.from.e164 == "+84912345678")
            #expect(stored.first?.message.to == "8088")
            #expect(stored.first?.message.text == "HS D-1")

            let again = try await HTTPJSON.send(.GET, "\(url)?\(Self.query())", body: nil)
            #expect(again.status == 200)
            let posted = try await HTTPJSON.send(.POST, "\(url)?\(Self.query(id: "kannel-id-2"))", body: Data())
            #expect(posted.status == 200)
            let all = try await gateway.store.inboundMessages(after: 0, limit: 10)
            #expect(all.map(\.message.providerMessageId) == ["kannel-id-1", "kannel-id-2"])
        }
    }

    @Test("a call without the key or with a wrong one is refused 403 and stores nothing", arguments: [
        nil, "", "test-inbound-secret-of-at-least-32-bytez", "Bearer%20test-inbound-secret-of-at-least-32-bytes",
    ] as [String?])
    func unauthenticated(key: String?) async throws {
        try await Self.serving { url, gateway in
            let reply = try await HTTPJSON.send(.GET, "\(url)?\(Self.query(key: key))", body: nil)
            #expect(reply.status == 403)
            let error = reply.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "bad_inbound_key")
            #expect(error?["field"] as? String == "key")
            #expect(try await gateway.store.inboundMessages(after: 0, limit: 10).isEmpty)
        }
    }

    @Test("a sender that is not a phone number is refused 422 naming from; nothing is stored")
    func invalidSender() async throws {
        try await Self.serving { url, gateway in
            for from in ["12345", "0241234567", "abc", ""] {
                let reply = try await HTTPJSON.send(.GET, "\(url)?\(Self.query(from: from))", body: nil)
                #expect(reply.status == 422, "\(from)")
                let error = reply.json["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_field")
                #expect(error?["field"] as? String == "from")
                #expect((error?["message"] as? String)?.contains("from=%p") == true || (error?["message"] as? String)?.contains("phone number") == true)
            }
            let badText = try await HTTPJSON.send(.GET, "\(url)?\(Self.query(text: "%FF"))", body: nil)
            #expect(badText.status == 422)
            #expect((badText.json["error"] as? [String: Any])?["field"] as? String == "text")
            #expect(try await gateway.store.inboundMessages(after: 0, limit: 10).isEmpty)
        }
    }

    @Test("a provider that takes no inbound messages answers 404, whatever the call")
    func notConfigured() async throws {
        try await Self.serving { url, _ in
            let base = url.replacingOccurrences(of: "/kannel/", with: "/sandbox/")
            let sandbox = try await HTTPJSON.send(.GET, "\(base)?\(Self.query())", body: nil)
            #expect(sandbox.status == 404)
            #expect((sandbox.json["error"] as? [String: Any])?["code"] as? String == "not_found")
            let unknown = try await HTTPJSON.send(.GET, url.replacingOccurrences(of: "/kannel/", with: "/nobody/"), body: nil)
            #expect(unknown.status == 404)
        }
    }
}
