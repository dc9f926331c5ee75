import Foundation
import HTTPTypes
import Hummingbird
import LoaCore
import LoaServer
import LoaStore
import LoaWorker
import Testing

/// `POST /v1/ussd` through the router: every menu path, screens within 182 GSM-7 characters,
/// the same answer for an unknown code and someone else's, the caller's language remembered,
/// aggregators authenticated, bad forms named.
@Suite("USSD")
struct USSDRouteTests {
    static let secret = "test-ussd-secret-of-at-least-32-bytes!!"
    static let code = "000.00.00.H15-241130-0001"

    static func gateway() async throws -> TestGateway {
        try await TestGateway.make(["ussd.aggregators.viettel.secret": secret])
    }

    /// Posts one USSD step as the aggregator would.
    static func step(_ client: APIClient, phone: String = "+84912345678", text: String, key: String? = secret) async throws -> APIClient.Reply {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let key { headers[HTTPField.Name("X-USSD-Key")!] = key }
        let form = "sessionId=ATUid_1&serviceCode=%2A384%2A123%23&phoneNumber=\(phone.replacingOccurrences(of: "+", with: "%2B"))&text=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text)"
        return try await client.request(.post, "/v1/ussd", headers: headers, rawBody: form)
    }

    static func vietnamRFC3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: date)
    }

    static func ingestDossier(_ client: APIClient) async throws {
        let reply = try await client.post("/v1/dossier-events", as: "ingest", json: ["events": [SampleEvent.make("e1", status: 9, locale: "hmn")]])
        #expect(reply.status == .accepted || reply.status == .ok, "\(reply.body)")
    }

    static func expectFits(_ reply: APIClient.Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == .ok, sourceLocation: sourceLocation)
        #expect(reply.headers[.contentType]?.hasPrefix("text/plain") == true, sourceLocation: sourceLocation)
        let screen = String(reply.body.dropFirst(4))
        #expect(SMSText.isGSM7(screen), "\(screen)", sourceLocation: sourceLocation)
        #expect(SMSText.analyse(screen).units <= USSDScreen.maximumCharacters, "\(screen)", sourceLocation: sourceLocation)
    }

    @Test("the menu, the code prompt and a dossier's state, folded Vietnamese by default")
    func dossierPath() async throws {
        try await Self.gateway().test { client in
            try await Self.ingestDossier(client)
            let menu = try await Self.step(client, text: "")
            Self.expectFits(menu)
            #expect(menu.body.hasPrefix("CON Cong an xa - Loa\n1. Tra cuu ho so"))
            let prompt = try await Self.step(client, text: "1")
            Self.expectFits(prompt)
            #expect(prompt.body.hasPrefix("CON Nhap ma ho so"))
            let answer = try await Self.step(client, text: "1*000.00.00.h15-241130-0001")
            Self.expectFits(answer)
            #expect(answer.body == "END Ho so \(Self.code): da co ket qua. Moi den cong an xa nhan, mang giay hen.")
        }
    }

    @Test("an unknown code and another phone's code get byte-for-byte the same answer")
    func unknownAndOthersCodeAlike() async throws {
        try await Self.gateway().test { client in
            try await Self.ingestDossier(client)
            let others = try await Self.step(client, phone: "+84987654321", text: "1*\(Self.code)")
            let unknown = try await Self.step(client, phone: "+84987654321", text: "1*000.00.00.H15-241130-0002")
            Self.expectFits(others)
            #expect(others.body.hasPrefix("END Khong tim thay ho so"))
            #expect(others.body.replacingOccurrences(of: Self.code, with: "#") == unknown.body.replacingOccurrences(of: "000.00.00.H15-241130-0002", with: "#"))
        }
    }

    @Test("choosing Mông is remembered for the phone: later menus and answers are in Mông")
    func languageRemembered() async throws {
        try await Self.gateway().test { client in
            try await Self.ingestDossier(client)
            let languages = try await Self.step(client, text: "3")
            Self.expectFits(languages)
            #expect(languages.body.hasPrefix("CON "))
            let chosen = try await Self.step(client, text: "3*2")
            Self.expectFits(chosen)
            #expect(chosen.body == "END Txij no mus cov lus yuav sau ua lus Hmoob.")
            let menu = try await Self.step(client, text: "")
            #expect(menu.body.hasPrefix("CON Cong an xa - Loa\n1. Saib ntaub ntawv"))
            let answer = try await Self.step(client, text: "1*\(Self.code)")
            Self.expectFits(answer)
            #expect(answer.body.hasPrefix("END Koj cov ntaub ntawv \(Self.code): ua tiav lawm."))
            let other = try await Self.step(client, phone: "+84987654321", text: "")
            #expect(other.body.hasPrefix("CON Cong an xa - Loa\n1. Tra cuu ho so"), "another phone keeps the default")
        }
    }

    @Test("appointments: none, then the caller's booked ones in Vietnam time")
    func appointments() async throws {
        let test = try await Self.gateway()
        try await test.test { client in
            let none = try await Self.step(client, text: "2")
            Self.expectFits(none)
            #expect(none.body == "END So nay khong co lich hen sap toi.")
            let startsAt = Date().addingTimeInterval(3 * 86_400)
            let booked = try await client.post("/v1/appointments", as: "officer", json: [
                "applicant": ["name": "Giàng A Vảng", "phone": "0912345678", "locale": "vi"],
                "procedure": "cccd_issue", "startsAt": Self.vietnamRFC3339(startsAt),
            ])
            #expect(booked.status == .created, "\(booked.body)")
            let listed = try await Self.step(client, text: "2")
            Self.expectFits(listed)
            #expect(listed.body.hasPrefix("END Lich hen sap toi:\n"))
            #expect(listed.body.contains("tai Cong an xa Na U"))
        }
    }

    @Test("lookups beyond the per-phone budget are refused with a screen, not a dossier")
    func lookupsLimited() async throws {
        try await TestGateway.make(["ussd.aggregators.viettel.secret": Self.secret, "residents.lookupBurst": "2"]).test { client in
            try await Self.ingestDossier(client)
            for _ in 0..<2 { #expect(try await Self.step(client, text: "1*\(Self.code)").body.hasPrefix("END Ho so")) }
            let refused = try await Self.step(client, text: "1*\(Self.code)")
            Self.expectFits(refused)
            #expect(refused.body == "END Ban da tra cuu nhieu lan. Vui long thu lai sau it phut.")
        }
    }

    @Test("bad paths end with the invalid screen")
    func invalidPaths() async throws {
        try await Self.gateway().test { client in
            for path in ["9", "1*2*3", "3*7", "2*1", "*"] {
                let reply = try await Self.step(client, text: path)
                Self.expectFits(reply)
                #expect(reply.body == "END Lua chon khong hop le. Hay goi lai de bat dau.", "\(path)")
            }
            let badCode = try await Self.step(client, text: "1*<b>")
            #expect(badCode.body.hasPrefix("END Khong tim thay ho so"))
        }
    }

    @Test("an aggregator without its key is 403; a form without phoneNumber is 422 naming it")
    func authenticationAndForm() async throws {
        try await Self.gateway().test { client in
            let missing = try await Self.step(client, text: "", key: nil)
            #expect(missing.status == .forbidden)
            #expect(missing.errorCode == "bad_ussd_key")
            let wrong = try await Self.step(client, text: "", key: String(Self.secret.reversed()))
            #expect(wrong.status == .forbidden)
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("X-USSD-Key")!] = Self.secret
            let noPhone = try await client.request(.post, "/v1/ussd", headers: headers, rawBody: "sessionId=1&serviceCode=%2A384%23&text=")
            #expect(noPhone.status == .unprocessableContent)
            #expect(noPhone.errorField == "phoneNumber")
            let badPhone = try await Self.step(client, phone: "12", text: "")
            #expect(badPhone.status == .unprocessableContent)
            #expect(badPhone.errorField == "phoneNumber")
        }
    }

    @Test("without configured aggregators the route is 404")
    func offByDefault() async throws {
        try await TestGateway.make().test { client in
            let reply = try await Self.step(client, text: "")
            #expect(reply.status == .notFound)
        }
    }
}
