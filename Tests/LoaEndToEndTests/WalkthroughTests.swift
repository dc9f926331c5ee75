import Foundation
import LoaTestSupport
import Testing

/// The README's walkthrough, done by the real binary: keys from the CLI, events over HTTP,
/// messages delivered through the sandbox.
@Suite("loa serve, end to end", .serialized)
struct WalkthroughTests {
    @Test("Vietnamese and Mông events go out through the sandbox and come back delivered")
    func walkthrough() async throws {
        let loa = try LoaBinary(environment: ["LOA_PROVIDERS_SANDBOX_RECEIPT_DELAY": "300ms", "LOA_DISPATCH_POLL": "50ms"])
        let ingest = try await loa.createKey(role: "ingest")
        let officer = try await loa.createKey(role: "officer", commune: "na-u")
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start()

        let events: [[String: Any]] = [
            Events.make("walk-vi", dossier: "000.00.00.H15-241130-0001", locale: "vi", status: 2),
            Events.make("walk-hmn", dossier: "000.00.00.H15-241130-0002", locale: "hmn", status: "releasing"),
        ]
        let reply = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest, json: ["events": events])
        #expect(reply.status == 202)
        let results = reply.json["results"] as? [[String: Any]] ?? []
        let ids = results.compactMap { ($0["messageIds"] as? [String])?.first }
        #expect(ids.count == 2, "\(results)")

        for id in ids {
            let message = try await waitForState("delivered", id: id, loa: loa, key: officer)
            #expect(message["to"] as? String == "*******678")
        }
        let hmn = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages/\(ids[1])", key: officer)
        let text = ((hmn.json["messages"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        #expect(text.contains("Giang A Vang"))
        #expect(((hmn.json["messages"] as? [[String: Any]])?.first?["encoding"] as? String) == "GSM-7")

        let sandbox = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/sandbox/messages", key: operatorKey)
        let sent = try JSONSerialization.jsonObject(with: sandbox.body) as? [[String: Any]] ?? []
        #expect(Set(sent.compactMap { $0["messageId"] as? String }) == Set(ids))

        // The info-level log never carries a full number or a message text.
        #expect(!loa.logs().contains("912345678"))
        #expect(!loa.logs().contains("Giang A Vang"))
        #expect(await loa.terminate() == 0)
    }

    @Test("keys list shows keys without secrets; a revoked key is refused")
    func keys() async throws {
        let loa = try LoaBinary()
        let secret = try await loa.createKey(role: "ingest")
        let listing = try await loa.run(["keys", "list"])
        #expect(listing.contains("ingest"))
        #expect(!listing.contains(secret))
        let id = try #require(listing.split(separator: "\t").first.map(String.init))
        try await loa.start()
        let before = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: secret, json: Events.make("k1", dossier: "K-1", locale: "vi", status: 9))
        #expect(before.status == 202)
        _ = try await loa.run(["keys", "revoke", id])
        let after = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: secret, json: Events.make("k2", dossier: "K-2", locale: "vi", status: 9))
        #expect(after.status == 401)
    }

    @Test("a bad configuration refuses to start and names the key")
    func badConfiguration() async throws {
        let loa = try LoaBinary(environment: ["LOA_SERVER_PORT": "eighty"])
        let (status, output, _) = try await loa.runFailing(["serve"])
        #expect(status != 0)
        #expect(output.contains("server.port"))
        #expect(output.contains("LOA_SERVER_PORT"))
    }
}

/// Events as a dossier system would post them.
enum Events {
    static func make(_ id: String, dossier: String, locale: String, status: Any, phone: String = "0912 345 678",
                     occurredAt: String = "2026-11-30T08:15:00+07:00") -> [String: Any] {
        [
            "eventId": id, "source": "dienbien-motcua", "dossierCode": dossier, "procedure": "cccd_issue",
            "status": status, "occurredAt": occurredAt, "dueDate": "2026-12-05", "commune": "na-u",
            "applicant": ["name": "Giàng A Vảng", "phone": phone, "locale": locale],
        ]
    }
}
