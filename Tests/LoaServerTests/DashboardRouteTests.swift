import Foundation
import Hummingbird
import LoaCore
@testable import LoaServer
import LoaStore
import LoaTestSupport
import Testing

/// The dashboard through the router: every page and action, and each way in that must be refused.
@Suite("Dashboard")
struct DashboardRouteTests {
    /// Seeds messages created over the last five hours with known fates.
    static func seed(_ harness: TestGateway, count: Int = 120) async throws -> StatisticsSeed {
        let now = Date()
        let seed = StatisticsSeed.make(count: count, seed: SeededGenerator.seed(default: 21), createdFrom: now.addingTimeInterval(-5 * 3600), createdTo: now.addingTimeInterval(-1))
        try await seed.apply(to: harness.gateway.store, at: now)
        return seed
    }

    static func vietnamDayStart(_ instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return calendar.startOfDay(for: instant)
    }

    @Test("signed out, every page sends to the sign-in form; signing in with an operator key sets a signed HttpOnly SameSite=Strict cookie")
    func signIn() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            for path in ["/", "/problems", "/search?q=x", "/texts"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/sign-in", "\(path)")
            }
            let form = try await browser.get("/sign-in")
            #expect(form.status == .ok)
            #expect(form.body.contains("<html lang=\"vi\">"))
            #expect(form.body.contains("Đăng nhập"))
            #expect(form.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(!form.body.contains("<script"))
            #expect(!form.body.contains("http://") || !form.body.contains("src=\"http"))
            let signedIn = try await browser.post("/sign-in", ["key": harness.key("operator"), "csrf": form.csrf ?? ""])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/")
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix("loa_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Max-Age=28800"))
            #expect(try await browser.get("/").status == .ok)
            #expect(try await browser.get("/sign-in").location == "/")
            let audit = try await harness.gateway.store.auditEntries(AuditQuery(action: .signIn))
            #expect(audit.count == 1)
            #expect(audit.first?.actor.name == "operator")
        }
    }

    @Test("a signed-in operator's pages are charged to the key, not the address: colleagues behind one address each have their budget")
    func pagesChargedToTheKey() async throws {
        // Rates so low that nothing refills during the test: exactly the bursts are admitted.
        let harness = try await TestGateway.make([
            "server.rateLimit.perAddress": "0.001", "server.rateLimit.perAddressBurst": "4",
            "server.rateLimit.perKey": "0.001", "server.rateLimit.perKeyBurst": "3",
        ])
        try await harness.test { api in
            // Two colleagues sign in from one address: the form and the post each, the address's four.
            let first = DashboardBrowser(api.client), second = DashboardBrowser(api.client)
            #expect(try await first.signIn(harness.key("operator")).location == "/")
            #expect(try await second.signIn(harness.key("admin")).location == "/")
            #expect(try await api.request(.get, "/v1/status").status == .tooManyRequests, "the address has nothing left")
            for browser in [first, second] {
                for _ in 0..<3 {
                    #expect(try await browser.get("/").status == .ok)
                }
                let limited = try await browser.get("/problems")
                #expect(limited.status == .tooManyRequests)
                #expect(limited.body.contains("this API key"))
            }
            // A forged session cookie is no key: it is charged to the address, which has nothing left.
            let forger = DashboardBrowser(api.client)
            forger.cookies["loa_session"] = "v1.key_forged.9999999999.bm9uY2U.AAAA"
            #expect(try await forger.get("/").status == .tooManyRequests)
        }
    }

    @Test("an admin key signs in too")
    func admin() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            let signedIn = try await browser.signIn(harness.key("admin"))
            #expect(signedIn.location == "/")
            let texts = try await browser.get("/texts")
            #expect(texts.status == .ok)
        }
    }

    @Test("officer, ingest, unknown and empty keys are refused, and each refusal is audited", arguments: ["officer", "ingest", "unknown", ""])
    func refusedKeys(label: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            let key = label == "unknown" ? "loa_notakey" : label.isEmpty ? "" : harness.keys[label]!
            let page = try await browser.signIn(key)
            #expect(page.status == (label == "officer" || label == "ingest" ? .forbidden : .unauthorized))
            #expect(page.body.contains("id=\"error\""))
            #expect(browser.cookies["loa_session"] == nil)
            #expect(try await browser.get("/").location == "/sign-in")
            let audit = try await harness.gateway.store.auditEntries(AuditQuery(action: .signInFailed))
            #expect(audit.count == 1)
        }
    }

    @Test("an expired, tampered or foreign-signed session cookie is not a session")
    func expiredCookie() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            #expect(try await browser.get("/").status == .ok)
            let good = try #require(browser.cookies["loa_session"])
            let secret = try await harness.gateway.store.secret(named: DashboardKeyring.secretName) { Data() }
            let signer = DashboardSigner(key: .init(data: secret))
            let session = try #require(signer.session(from: good, now: Date()))
            let expired = DashboardSession(keyId: session.keyId, expiresAt: Date().addingTimeInterval(-1), nonce: session.nonce)
            let foreign = DashboardSigner(key: .init(data: Data(repeating: 7, count: 32)))
            let later = DashboardSession(keyId: session.keyId, expiresAt: Date().addingTimeInterval(3600), nonce: session.nonce)
            for (name, value) in [
                ("expired", signer.cookieValue(expired)),
                ("tampered", good.replacingOccurrences(of: "v1.", with: "v1.x")),
                ("foreign", foreign.cookieValue(later)),
                ("a sign-in pass", signer.cookieValue(DashboardSession(keyId: nil, expiresAt: later.expiresAt, nonce: "n"))),
            ] {
                browser.cookies["loa_session"] = value
                let page = try await browser.get("/")
                #expect(page.status == .seeOther, "\(name)")
                #expect(page.location == "/sign-in", "\(name)")
            }
        }
    }

    @Test("a revoked key's session ends")
    func revokedKey() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let key = try #require(try await harness.gateway.store.keys().first { $0.name == "operator" })
            #expect(try await harness.gateway.store.revokeKey(id: key.id, at: Date()))
            #expect(try await browser.get("/").location == "/sign-in")
        }
    }

    @Test("the overview shows the seeded figures: today, 7 days, per hour, each breakdown, queue and providers")
    func overview() async throws {
        let harness = try await TestGateway.make()
        let seed = try await Self.seed(harness)
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let todayStart = Self.vietnamDayStart(Date())
            let today = seed.messages.filter { $0.message.createdAt >= todayStart }
            #expect(page.figure("data-figure", "messages", in: "today") == "\(today.count)")
            #expect(page.figure("data-figure", "messages", in: "week") == "\(seed.messages.count)")
            let delivered = seed.messages.filter { $0.fate == .delivered }.count
            let settled = seed.messages.filter { [.delivered, .undelivered, .failed].contains($0.fate) }.count
            #expect(page.figure("data-figure", "deliveryRate", in: "week") == String(format: "%.1f %%", Double(delivered) * 100 / Double(settled)))
            let segments = seed.messages.filter { [.sent, .delivered, .undelivered].contains($0.fate) }.reduce(0) { $0 + $1.message.segments }
            #expect(page.figure("data-figure", "segmentsSent", in: "week") == "\(segments)")
            for state in MessageState.allCases {
                let count = seed.messages.filter { $0.fate.state == state }.count
                #expect(page.figure("data-state", state.rawValue, in: "week") == "\(count)", "\(state)")
            }
            let viettel = seed.messages.filter { $0.message.recipient.hasPrefix("+8498") }.count
            #expect(Self.row(page, table: "table-carrier", key: "viettel") == "\(viettel)")
            #expect(Self.row(page, table: "table-commune", key: "muong-nhe") == "\(seed.messages.filter { $0.message.commune == "muong-nhe" }.count)")
            #expect(Self.row(page, table: "table-provider", key: "none") == "\(seed.messages.filter { $0.provider == nil }.count)")
            #expect(Self.row(page, table: "table-locale", key: "hmn") == "\(seed.messages.filter { $0.message.locale == .hmong }.count)")
            #expect(Self.row(page, table: "table-kind", key: "result_ready") == "\(seed.messages.filter { $0.message.kind == .resultReady }.count)")
            let bars = page.body.matches(of: #/data-series="delivered" data-value="(\d+)"/#).map { Int($0.1)! }
            #expect(bars.count == 24)
            #expect(bars.reduce(0, +) == delivered)
            #expect(page.figure("data-queue", "queueDepth") != nil)
            #expect(page.body.contains("<svg"))
            #expect(page.body.contains("data-provider=\"sandbox\""))
        }
    }

    /// The messages figure of one row of a breakdown table.
    static func row(_ page: DashboardBrowser.Page, table: String, key: String) -> String? {
        guard let start = page.body.range(of: "id=\"\(table)\""), let end = page.body[start.upperBound...].range(of: "</table>"),
              let row = page.body[start.upperBound..<end.lowerBound].range(of: "data-key=\"\(key)\"") else { return nil }
        return DashboardBrowser.Page(status: .ok, headers: [:], body: String(page.body[row.upperBound...])).figure("data-figure", "messages")
    }

    @Test("problems lists failed and waiting messages; retry and cancel work with the form's token and are audited")
    func retryAndCancel() async throws {
        let harness = try await TestGateway.make()
        let seed = try await Self.seed(harness)
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let page = try await browser.get("/problems")
            #expect(page.status == .ok)
            let failed = try #require(seed.messages.first { $0.fate == .failed })
            let pending = try #require(seed.messages.first { $0.fate == .pending })
            #expect(page.body.contains("data-message=\"\(failed.message.id)\""))
            #expect(page.body.contains("seeded failure"))
            #expect(page.body.contains("data-message=\"\(pending.message.id)\""))
            #expect(!page.body.contains(failed.message.recipient))
            let csrf = try #require(page.csrf)
            let retried = try await browser.post("/messages/\(failed.message.id)/retry", ["csrf": csrf], headers: [.secFetchSite: "same-origin"])
            #expect(retried.status == .seeOther)
            #expect(retried.location == "/problems?outcome=retried")
            #expect(try await browser.get(retried.location!).figure("id", "outcome")?.contains("retried") == true)
            let cancelled = try await browser.post("/messages/\(pending.message.id)/cancel", ["csrf": csrf])
            #expect(cancelled.location == "/problems?outcome=cancelled")
            #expect(try await harness.gateway.store.message(id: pending.message.id)?.state == .cancelled)
            let notAllowed = try await browser.post("/messages/\(pending.message.id)/cancel", ["csrf": csrf])
            #expect(notAllowed.location == "/problems?outcome=notAllowed")
            let audit = try await harness.gateway.store.auditEntries(AuditQuery())
            #expect(audit.contains { $0.action == .messageRetried && $0.subject == failed.message.id && $0.actor.name == "operator" })
            #expect(audit.contains { $0.action == .messageCancelled && $0.subject == pending.message.id })
        }
    }

    @Test("a forged form (no token, another session's token) and a cross-site post are refused and change nothing")
    func forgedAndCrossSite() async throws {
        let harness = try await TestGateway.make()
        let seed = try await Self.seed(harness)
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let csrf = try #require(try await browser.get("/problems").csrf)
            let other = DashboardBrowser(api.client)
            try await other.signIn(harness.key("admin"))
            let otherToken = try #require(try await other.get("/problems").csrf)
            let pending = try #require(seed.messages.first { $0.fate == .pending })
            let attempts: [(String, [String: String], HTTPFields)] = [
                ("no token", [:], [:]),
                ("wrong token", ["csrf": "AAAA"], [:]),
                ("another session's token", ["csrf": otherToken], [:]),
                ("cross-site origin", ["csrf": csrf], [.origin: "https://evil.example"]),
                ("cross-site fetch", ["csrf": csrf], [.secFetchSite: "cross-site"]),
                ("same-site fetch", ["csrf": csrf], [.secFetchSite: "same-site"]),
            ]
            for (name, fields, headers) in attempts {
                let page = try await browser.post("/messages/\(pending.message.id)/cancel", fields, headers: headers)
                #expect(page.status == .forbidden, "\(name)")
                #expect(try await harness.gateway.store.message(id: pending.message.id)?.state == .pending, "\(name)")
                let out = try await browser.post("/sign-out", fields, headers: headers)
                #expect(out.status == .forbidden, "\(name)")
            }
            #expect(try await browser.get("/").status == .ok)
            // The sign-in form: a post without the pass cookie's token, or from another site.
            let stranger = DashboardBrowser(api.client)
            #expect(try await stranger.post("/sign-in", ["key": harness.key("operator"), "csrf": "x"]).status == .forbidden)
            let form = try await stranger.get("/sign-in")
            let crossSite = try await stranger.post(
                "/sign-in", ["key": harness.key("operator"), "csrf": form.csrf ?? ""], headers: [.secFetchSite: "cross-site"])
            #expect(crossSite.status == .forbidden)
            #expect(stranger.cookies["loa_session"] == nil)
        }
    }

    @Test("sign-out clears the cookie and is audited")
    func signOut() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let csrf = try #require(try await browser.get("/").csrf)
            let out = try await browser.post("/sign-out", ["csrf": csrf])
            #expect(out.status == .seeOther)
            #expect(out.location == "/sign-in")
            #expect(out.setCookies.contains { $0.hasPrefix("loa_session=;") && $0.contains("Max-Age=0") })
            #expect(browser.cookies["loa_session"] == nil)
            #expect(try await browser.get("/").location == "/sign-in")
            #expect(try await harness.gateway.store.auditEntries(AuditQuery(action: .signOut)).count == 1)
        }
    }

    @Test("search by dossier code and by phone number shows masked numbers; texts lists unreviewed Mông texts and segments")
    func searchAndTexts() async throws {
        let harness = try await TestGateway.make()
        let seed = try await Self.seed(harness)
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let target = seed.messages[3].message
            let byCode = try await browser.get("/search?q=\(target.dossierCode)")
            #expect(byCode.body.contains("data-message=\"\(target.id)\""))
            #expect(!byCode.body.contains(target.recipient))
            let masked = try PhoneNumber(e164: target.recipient).masked
            #expect(byCode.body.contains(masked))
            let national = target.recipient.hasPrefix("+84") ? "0" + target.recipient.dropFirst(3) : target.recipient
            let byPhone = try await browser.get("/search?q=\(national.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(byPhone.body.contains("data-message=\"\(target.id)\""))
            let results = try #require(byPhone.body.range(of: "id=\"results\"")).upperBound
            #expect(!byPhone.body[results...].contains(String(target.recipient.dropFirst(4))))
            #expect(byPhone.body[results...].contains(masked))
            let nothing = try await browser.get("/search?q=NO-SUCH-DOSSIER")
            #expect(nothing.status == .ok)
            #expect(!nothing.body.contains("data-message="))
            let texts = try await browser.get("/texts")
            #expect(texts.status == .ok)
            for text in harness.gateway.catalog.unreviewed() {
                #expect(texts.body.contains("data-file=\"\(text.file)\""))
            }
            #expect(texts.body.contains("data-kind=\"result_ready\""))
            #expect(texts.figure("data-locale", "hmn", in: "segments").flatMap(Int.init).map { $0 >= 1 } == true)
        }
    }

    @Test("the language switch turns the pages English and back")
    func language() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let browser = DashboardBrowser(api.client)
            try await browser.signIn(harness.key("operator"))
            let switched = try await browser.get("/language?to=en&back=/problems")
            #expect(switched.location == "/problems")
            let english = try await browser.get("/problems")
            #expect(english.body.contains("<html lang=\"en\">"))
            #expect(english.body.contains("Sign out"))
            #expect(try await browser.get("/language?to=vi&back=https://evil.example").location == "/")
            #expect(try await browser.get("/").body.contains("Đăng xuất"))
        }
    }

    @Test("GET /v1/stats: operators see every commune, officers their own; bad parameters are 422 naming the field")
    func statsAPI() async throws {
        let harness = try await TestGateway.make()
        let seed = try await Self.seed(harness)
        try await harness.test { api in
            let from = APIJSONTestDates.rfc3339(Date().addingTimeInterval(-6 * 3600))
            let all = try await api.request(.get, "/v1/stats?from=\(from)&groupBy=commune", as: "operator")
            #expect(all.status == .ok)
            #expect((all.json["total"] as? [String: Any])?["messages"] as? Int == seed.messages.count)
            let groups = all.json["groups"] as? [[String: Any]] ?? []
            for commune in StatisticsSeed.communes {
                #expect(groups.first { $0["key"] as? String == commune }?["messages"] as? Int == seed.messages.filter { $0.message.commune == commune }.count)
            }
            #expect((all.json["lastHours"] as? [Any])?.count == 24)
            let officer = try await api.request(.get, "/v1/stats?from=\(from)", as: "officer")
            #expect(officer.status == .ok)
            #expect(officer.json["commune"] as? String == "na-u")
            #expect((officer.json["total"] as? [String: Any])?["messages"] as? Int == seed.messages.filter { $0.message.commune == "na-u" }.count)
            for (query, field) in [
                ("from=yesterday", "from"), ("from=2026-12-05T08:00:00", "from"), ("groupBy=planet", "groupBy"),
                ("from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z", "from"), ("from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
                ("commune=na-u", "commune"),
            ] {
                let reply = try await api.request(.get, "/v1/stats?\(query)", as: "operator")
                #expect(reply.status == .unprocessableContent, "\(query)")
                #expect(reply.errorField == field, "\(query)")
            }
            #expect(try await api.request(.get, "/v1/stats", as: "ingest").status == .forbidden)
            #expect(try await api.request(.get, "/v1/stats").status == .unauthorized)
        }
    }
}

enum APIJSONTestDates {
    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
