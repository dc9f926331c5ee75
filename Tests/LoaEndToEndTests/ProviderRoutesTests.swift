import Foundation
import GRDB
import LoaPeers
import LoaTestSupport
import Testing

/// The real `loa serve` configured the way the README tells an operator to: its configuration
/// file with a `type: smpp` provider bound to the smpp34 SMSC simulator, `type: http` providers
/// from the shipped presets (copied beside the file) pointed at their loopback stand-ins, and
/// routes by carrier. Events go in over HTTP; messages end `delivered` through each provider's
/// own receipt path (SMPP `deliver_sm`; Twilio's signed status callback to the receipt URL).
@Suite("loa serve through SMPP and HTTPS providers, with failover", .serialized,
       .enabled(if: Peers.isCI || SMPPSimulator.python(repositoryRoot: LoaBinary.repositoryRoot) != nil,
                "smpp34 is not in .venv-peers (.venv-peers/bin/pip install smpp34==1.5.0, or run scripts/test); skipping the SMPP-and-HTTPS end-to-end test"))
struct ProviderRoutesTests {
    @Test("Viettel goes through SMPP; Vinaphone's route fails over from eSMS (503) to Twilio; every message ends delivered by receipt")
    func routesAndFailover() async throws {
        let simulator = try await SMPPSimulator(repositoryRoot: LoaBinary.repositoryRoot)
        let twilio = try await TwilioStandIn.start()
        let esms = try await ESMSStandIn.start()
        twilio.answer(.accept(receipts: ["sent", "delivered"]))
        esms.answer(.unavailable)
        let port = try Peers.freePort()
        let loa = try LoaBinary(environment: ["LOA_DISPATCH_POLL": "50ms"], configuration: try Self.configuration(
            port: port, smscPort: simulator.port, twilioURL: twilio.urlTemplate, esmsURL: esms.urlTemplate))
        let providers = loa.folder.url.appendingPathComponent("providers")
        try FileManager.default.copyItem(at: LoaBinary.repositoryRoot.appendingPathComponent("config/providers"), to: providers)
        let ingest = try await loa.createKey(role: "ingest")
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start(port: port)

        // One Viettel number; three messages to a Vinaphone number, whose route draws eSMS
        // first 1000 times in 1001: at least one of them (all, nearly always) fails over.
        let events: [[String: Any]] = [Events.make("routes-viettel", dossier: "ROUTES-VIETTEL", locale: "vi", status: 9, phone: "0987 654 321")]
            + (1...3).map { Events.make("routes-vinaphone-\($0)", dossier: "ROUTES-VINAPHONE-\($0)", locale: "vi", status: 9, phone: "0912 345 678") }
        let reply = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest, json: ["events": events])
        #expect(reply.status == 202)
        let ids = (reply.json["results"] as? [[String: Any]] ?? []).compactMap { ($0["messageIds"] as? [String])?.first }
        try #require(ids.count == 4, "\(reply.json)")

        let viaSMPP = try await waitForState("delivered", id: ids[0], loa: loa, key: operatorKey)
        #expect(viaSMPP["provider"] as? String == "smsc")
        #expect(viaSMPP["attempts"] as? Int == 1)
        var failedOver = 0
        for id in ids.dropFirst() {
            let viaTwilio = try await waitForState("delivered", id: id, loa: loa, key: operatorKey)
            #expect(viaTwilio["provider"] as? String == "twilio")
            // Each attempt records its provider: a failover is in the message's history.
            let attempts = try Self.attempts(of: id, database: loa.databasePath)
            #expect(attempts.last?.provider == "twilio")
            #expect(viaTwilio["attempts"] as? Int == attempts.count)
            if attempts.map(\.provider) == ["esms", "twilio"] {
                failedOver += 1
                #expect(attempts.first?.outcome == "transient_failure")
                #expect(attempts.first?.error?.contains("503") == true, "\(attempts)")
            } else {
                #expect(attempts.map(\.provider) == ["twilio"])
            }
        }
        #expect(failedOver >= 1, "eSMS was drawn first for none of three messages")

        // The SMSC took the Viettel number's parts only, in the message's encoding.
        let submits = try simulator.takenSubmits()
        let coding = viaSMPP["encoding"] as? String == "UCS-2" ? 8 : 0
        #expect(submits.count == viaSMPP["segments"] as? Int)
        #expect(submits.allSatisfy { $0.destination.hasSuffix("987654321") && $0.dataCoding == coding }, "\(submits)")
        // eSMS answered 503 and took nothing; Twilio took the Vinaphone number.
        #expect(esms.takenMessages().isEmpty)
        #expect(twilio.takenMessages().map(\.to) == Array(repeating: "+84912345678", count: 3))

        // And in GET /v1/providers: eSMS's failure, Twilio's success, the SMPP bind.
        let listing = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/providers", key: operatorKey)
        #expect(listing.status == 200)
        let byName = Dictionary(uniqueKeysWithValues: (listing.json["providers"] as? [[String: Any]] ?? []).compactMap { entry in
            (entry["name"] as? String).map { ($0, entry) }
        })
        #expect(byName["esms"]?["recentFailures"] as? Int == failedOver)
        #expect((byName["esms"]?["lastError"] as? String)?.contains("503") == true, "\(byName["esms"] ?? [:])")
        #expect(byName["twilio"]?["recentSubmissions"] as? Int == 3)
        #expect(byName["twilio"]?["recentFailures"] as? Int == 0)
        #expect((byName["smsc"]?["link"] as? [String: Any])?["state"] as? String == "bound")
        let routes = listing.json["routes"] as? [String: [[String: Any]]] ?? [:]
        #expect(routes["vinaphone"]?.compactMap { $0["provider"] as? String } == ["esms", "twilio"])

        #expect(await loa.terminate() == 0)
        try await twilio.stop()
        try await esms.stop()
        try await simulator.stop()
    }

    /// `config/loa.yaml` with the providers and routes an operator adds, as in the README's
    /// "Providers", "HTTPS providers" and "Routing and failover" sections; the presets' URLs
    /// point at the stand-ins (plain http is allowed to loopback only).
    static func configuration(port: Int, smscPort: Int, twilioURL: String, esmsURL: String) throws -> String {
        let base = try String(contentsOf: LoaBinary.repositoryRoot.appendingPathComponent("config/loa.yaml"), encoding: .utf8)
        return base + """

              smsc:
                type: smpp
                host: 127.0.0.1
                port: \(smscPort)
                systemId: loa
                password: secret
                bind: transceiver
              twilio:
                type: http
                preset: twilio
                url: "\(twilioURL)"
                sender: LOA
                receiptSecret: twilio-test-receipt-secret-of-32-bytes-or-more
                receiptURL: http://127.0.0.1:\(port)
                secrets:
                  accountSid: "\(TwilioStandIn.accountSid)"
                  authToken: "\(TwilioStandIn.authToken)"
              esms:
                type: http
                preset: esms
                url: "\(esmsURL)"
                sender: CAXANAU
                receiptSecret: esms-test-receipt-secret-of-32-bytes-or-more
                receiptURL: http://127.0.0.1:\(port)
                secrets:
                  apiKey: "\(ESMSStandIn.apiKey)"
                  secretKey: "\(ESMSStandIn.secretKey)"

            routes:
              default: [sandbox]
              viettel: [smsc]
              vinaphone: ["esms:1000", twilio]

            """
    }

    /// One row of the `attempts` table.
    struct Attempt {
        var provider: String?
        var outcome: String
        var error: String?
    }

    static func attempts(of id: String, database: String) throws -> [Attempt] {
        try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT provider, outcome, error FROM attempts WHERE message_id = ? ORDER BY number", arguments: [id])
                .map { Attempt(provider: $0["provider"], outcome: $0["outcome"], error: $0["error"]) }
        }
    }
}
