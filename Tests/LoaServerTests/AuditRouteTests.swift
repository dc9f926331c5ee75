import Foundation
import Hummingbird
import HummingbirdTesting
import LoaCore
import LoaServer
import LoaStore
import Testing

@Suite("Audit trail over HTTP")
struct AuditRouteTests {
    @Test("retries and cancels are audited with the key and the address; only admins read the trail, newest first, by page")
    func retriesAndCancelsAreAudited() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.permanentFailureRate": "1"])
        defer { try? FileManager.default.removeItem(at: harness.folder) }
        // Over a real socket on loopback, so that the client address is known.
        try await harness.gateway.application(runsWorker: false).test(.live) { client in
            let api = APIClient(client: client, keys: harness.keys)
            let first = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("a", dossier: "D-A"))
            let second = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("b", dossier: "D-B"))
            let pendingId = try #require((first.results.first?["messageIds"] as? [String])?.first)
            let failedId = try #require((second.results.first?["messageIds"] as? [String])?.first)
            #expect(try await api.request(.post, "/v1/messages/\(pendingId)/cancel", as: "operator").status == .ok)
            _ = try await harness.gateway.dispatcher.dispatchDue()
            let retried = try await api.post("/v1/messages/retry", as: "operator", json: ["ids": [failedId, pendingId]])
            let newId = try #require((retried.json["results"] as? [[String: Any]])?.first?["newMessageId"] as? String)

            for role in ["operator", "officer", "ingest"] {
                #expect(try await api.request(.get, "/v1/audit", as: role).status == .forbidden, "\(role) may not read the audit trail")
            }
            #expect(try await api.request(.get, "/v1/audit").status == .unauthorized)
            let trail = try await api.request(.get, "/v1/audit", as: "admin")
            #expect(trail.status == .ok)
            let entries = trail.json["entries"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["action"] as? String } == ["messageRetried", "messageRetried", "messageCancelled"])
            #expect(entries.map { $0["subject"] as? String } == [pendingId, failedId, pendingId])
            #expect(entries.map { $0["outcome"] as? String } == ["notAllowed cancelled", "retried \(newId)", "cancelled"])
            let operatorKey = try #require(try await harness.gateway.store.keys().first { $0.name == "operator" })
            for entry in entries {
                #expect(entry["keyId"] as? String == operatorKey.id)
                #expect(entry["keyName"] as? String == "operator")
                #expect(entry["role"] as? String == "operator")
                #expect(entry["remoteAddress"] as? String == "127.0.0.1")
                #expect((entry["at"] as? String).flatMap { try? Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) } != nil)
            }
            #expect(trail.json["nextBefore"] == nil, "one page holds them all")
            let recipient = try #require(try await harness.gateway.store.message(id: failedId)?.recipient)
            #expect(!trail.body.contains(recipient) && !trail.body.contains(String(recipient.suffix(9))), "no phone number in the trail")

            let cancels = try await api.request(.get, "/v1/audit?action=messageCancelled", as: "admin")
            #expect((cancels.json["entries"] as? [[String: Any]])?.map { $0["subject"] as? String } == [pendingId])
            let page = try await api.request(.get, "/v1/audit?limit=2", as: "admin")
            #expect((page.json["entries"] as? [[String: Any]])?.count == 2)
            let next = try #require(page.json["nextBefore"] as? String)
            let rest = try await api.request(.get, "/v1/audit?limit=2&before=\(next)", as: "admin")
            #expect((rest.json["entries"] as? [[String: Any]])?.map { $0["action"] as? String } == ["messageCancelled"])
            let future = try await api.request(.get, "/v1/audit?from=2099-01-01T00:00:00%2B07:00", as: "admin")
            #expect((future.json["entries"] as? [[String: Any]])?.isEmpty == true)

            for (query, field) in [("action=deleted", "action"), ("from=yesterday", "from"), ("limit=0", "limit"), ("before=-3", "before"), ("phone=1", "phone")] {
                let refused = try await api.request(.get, "/v1/audit?\(query)", as: "admin")
                #expect(refused.status == .unprocessableContent, "\(query)")
                #expect(refused.errorField == field, "\(query)")
            }
        }
    }

    @Test("the dashboard's recorder writes sign-ins, refused sign-ins and sign-outs with who and from where")
    func signInsThroughTheRecorder() async throws {
        let harness = try await TestGateway.make()
        defer { try? FileManager.default.removeItem(at: harness.folder) }
        let store = harness.gateway.store
        let recorder = AuditRecorder(trail: store)
        let officer = try #require(try await store.keys().first { $0.name == "officer" })
        let admin = try #require(try await store.keys().first { $0.name == "admin" })
        // A router of its own: the recorder needs a request context, as the dashboard's routes have.
        let router = Router(context: LoaRequestContext.self)
        router.post("/sign-in/:who") { _, context in
            switch try context.parameters.require("who") {
            case "admin": try await recorder.signedIn(admin, context: context)
            case "officer": try await recorder.signInFailed(key: officer, context: context, reason: "role officer may not sign in")
            case "out": try await recorder.signedOut(admin, context: context)
            default: try await recorder.signInFailed(context: context, reason: "unknown key")
            }
            return Response(status: .noContent)
        }
        try await Application(router: router).test(.live) { client in
            for who in ["admin", "officer", "nobody", "out"] {
                let response = try await client.execute(uri: "/sign-in/\(who)", method: .post)
                #expect(response.status == .noContent)
            }
        }
        let entries = try await store.auditEntries(AuditQuery(limit: 10))
        #expect(entries.map(\.action) == [.signOut, .signInFailed, .signInFailed, .signIn])
        #expect(entries.map(\.actor.keyId) == [admin.id, nil, officer.id, admin.id])
        #expect(entries.map(\.actor.name) == ["admin", "unknown", "officer", "admin"])
        #expect(entries[1].outcome == "unknown key")
        #expect(entries[2].actor.role == .officer)
        #expect(entries.allSatisfy { $0.remoteAddress == "127.0.0.1" })
    }
}
