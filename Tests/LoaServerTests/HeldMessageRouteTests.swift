import Foundation
import Hummingbird
import LoaCore
@testable import LoaServer
import LoaStore
import Testing

/// Messages held for an operator while their Mông text is unreviewed (`unreviewed: hold`,
/// `holdAs: operator`), over the API: what reads show, the release route, its audit.
@Suite("Held for a text review, over HTTP")
struct HeldMessageRouteTests {
    /// A copy of the shipped templates whose hmn texts wait for an operator while unreviewed.
    static func heldTemplates() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-held-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: TestGateway.repositoryRoot.appendingPathComponent("templates"), to: copy)
        let file = copy.appendingPathComponent("catalog.yaml")
        let catalog = try String(contentsOf: file, encoding: .utf8)
        let changed = catalog.replacingOccurrences(of: "    unreviewed: warn ", with: "    unreviewed: hold\n    holdAs: operator ")
        #expect(changed != catalog, "the shipped catalog sets locales.hmn.unreviewed")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        return copy
    }

    @Test("a held message shows waitingFor textReview; an operator releases it in Vietnamese, once, audited")
    func release() async throws {
        let harness = try await TestGateway.make(["catalogs.templates": try Self.heldTemplates().path])
        try await harness.test { api in
            let ingested = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("h", locale: "hmn"))
            let id = try #require((ingested.results.first?["messageIds"] as? [String])?.first)
            let read = try await api.request(.get, "/v1/messages/\(id)", as: "operator")
            let held = try #require(read.messages.first)
            #expect(held["waitingFor"] as? String == "textReview")
            #expect(held["locale"] as? String == "hmn")
            #expect((held["unreviewedText"] as? [String: Any])?["action"] as? String == "sent")
            let status = try await api.request(.get, "/v1/status", as: "operator")
            #expect((status.json["waitingFor"] as? [String: Int])?["textReview"] == 1)
            _ = try await harness.gateway.dispatcher.dispatchDue()
            #expect(try await harness.gateway.store.message(id: id)?.state == .pending, "the dispatcher leaves it waiting")

            #expect(try await api.post("/v1/messages/\(id)/release", as: "officer", json: ["send": "vietnamese"]).status == .forbidden)
            let unknown = try await api.post("/v1/messages/\(id)/release", as: "operator", json: ["send": "french"])
            #expect(unknown.status == .unprocessableContent && unknown.errorField == "send")
            #expect(try await api.request(.post, "/v1/messages/\(id)/release", as: "operator", body: "[1]").status == .badRequest)
            let missing = try await api.post("/v1/messages/msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ/release", as: "operator", json: ["send": "unreviewed"])
            #expect(missing.status == .notFound)

            let released = try await api.post("/v1/messages/\(id)/release", as: "operator", json: ["send": "vietnamese"])
            #expect(released.status == .ok)
            let message = try #require(released.messages.first)
            #expect(message["locale"] as? String == "vi")
            #expect((message["text"] as? String)?.contains("Cấp thẻ căn cước") == true, "the Vietnamese text: \(message["text"] ?? "")")
            #expect((message["unreviewedText"] as? [String: Any])?["action"] as? String == "replaced")
            #expect(message["waitingFor"] == nil)
            let again = try await api.post("/v1/messages/\(id)/release", as: "operator", json: ["send": "unreviewed"])
            #expect(again.status == .conflict && again.errorCode == "not_held")

            _ = try await harness.gateway.dispatcher.dispatchDue()
            #expect(try await harness.gateway.store.message(id: id)?.state != .pending, "released, it is sent")

            let trail = try await api.request(.get, "/v1/audit?action=messageReleased", as: "admin")
            let entries = trail.json["entries"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["outcome"] as? String } == ["notHeld pending", "released vietnamese", "notFound"])
            #expect(entries.allSatisfy { ($0["subject"] as? String)?.hasPrefix("msg_") == true })
        }
    }

    @Test("an operator cancels a held message as any waiting one")
    func cancel() async throws {
        let harness = try await TestGateway.make(["catalogs.templates": try Self.heldTemplates().path])
        try await harness.test { api in
            let ingested = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("c", locale: "hmn"))
            let id = try #require((ingested.results.first?["messageIds"] as? [String])?.first)
            let cancelled = try await api.request(.post, "/v1/messages/\(id)/cancel", as: "operator")
            #expect((cancelled.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "cancelled")
            let release = try await api.post("/v1/messages/\(id)/release", as: "operator", json: ["send": "unreviewed"])
            #expect(release.status == .conflict)
        }
    }

    @Test("the dashboard's problems page offers both releases for a held message; a release needs the form's token and is audited")
    func dashboardRelease() async throws {
        let harness = try await TestGateway.make(["catalogs.templates": try Self.heldTemplates().path])
        try await harness.test { api in
            var ids: [String] = []
            for (event, dossier) in [("u", "000.00.00.H15-241130-0001"), ("v", "000.00.00.H15-241130-0002")] {
                let ingested = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make(event, locale: "hmn", dossier: dossier))
                ids.append(try #require((ingested.results.first?["messageIds"] as? [String])?.first))
            }
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let page = try await browser.get("/problems")
            #expect(page.status == .ok)
            for id in ids {
                #expect(page.body.contains("action=\"/messages/\(id)/release/unreviewed\""), "release as written offered for \(id)")
                #expect(page.body.contains("action=\"/messages/\(id)/release/vietnamese\""), "release in Vietnamese offered for \(id)")
            }
            let csrf = try #require(page.csrf)
            let unheld = try await harness.gateway.store.message(id: ids[0])
            #expect(unheld?.state == .pending)

            // No token: refused, nothing released.
            #expect(try await browser.post("/messages/\(ids[0])/release/unreviewed", [:]).status == .forbidden)
            #expect(try await harness.gateway.store.message(id: ids[0])?.waitingFor(at: Date()) == .textReview)

            let asWritten = try await browser.post("/messages/\(ids[0])/release/unreviewed", ["csrf": csrf], headers: [.secFetchSite: "same-origin"])
            #expect(asWritten.status == .seeOther)
            #expect(asWritten.location == "/problems?outcome=released")
            let kept = try #require(try await harness.gateway.store.message(id: ids[0]))
            #expect(kept.locale == .hmong && kept.text == unheld?.text, "sent as written: the Mông text")
            #expect(kept.waitingFor(at: Date()) != .textReview)

            let inVietnamese = try await browser.post("/messages/\(ids[1])/release/vietnamese", ["csrf": csrf])
            #expect(inVietnamese.location == "/problems?outcome=released")
            let replaced = try #require(try await harness.gateway.store.message(id: ids[1]))
            #expect(replaced.locale == .vietnamese && replaced.text.contains("Cấp thẻ căn cước"), "the Vietnamese text: \(replaced.text)")

            #expect(try await browser.post("/messages/\(ids[1])/release/vietnamese", ["csrf": csrf]).location == "/problems?outcome=notAllowed")
            #expect(try await browser.post("/messages/\(ids[1])/release/french", ["csrf": csrf]).location == "/problems?outcome=notFound")

            let audit = try await harness.gateway.store.auditEntries(AuditQuery(action: .messageReleased))
            #expect(audit.compactMap(\.outcome).sorted() == ["notHeld pending", "released unreviewed", "released vietnamese"])
            #expect(audit.allSatisfy { $0.actor.name == "operator" })
        }
    }
}
