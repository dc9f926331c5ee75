import Foundation
import Hummingbird
import LoaCore
import Testing

/// The appointment routes through the router: booking, moving, cancelling, attendance, reads,
/// the commune scope of officer keys on every route, and field-level refusals.
@Suite("Appointment routes")
struct AppointmentRouteTests {
    /// `daysAhead` Vietnam days from today at `hour`:`minute` Vietnam time, as an instant and as
    /// RFC 3339 with the +07:00 offset.
    static func upcoming(daysAhead: Int, hour: Int, minute: Int = 0) -> (date: Date, text: String) {
        let today = Date().addingTimeInterval(7 * 3600).timeIntervalSince1970
        let midnight = (today / 86_400).rounded(.down) * 86_400 - 7 * 3600
        let date = Date(timeIntervalSince1970: midnight + Double(daysAhead * 86_400 + hour * 3600 + minute * 60))
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 7 * 3600)!))
        return (date, text)
    }

    static let start = upcoming(daysAhead: 3, hour: 14)

    static func booking(startsAt: String = start.text, commune: String? = nil, phone: String = "0912 345 678", locale: String = "vi") -> [String: Any] {
        var body: [String: Any] = [
            "applicant": ["name": "Giàng A Vảng", "phone": phone, "locale": locale],
            "procedure": "cccd_issue", "startsAt": startsAt, "note": "mang ảnh 4x6",
        ]
        if let commune { body["commune"] = commune }
        return body
    }

    /// Books as `role` and returns the appointment's JSON (201 expected).
    static func book(_ api: APIClient, as role: String = "officer", _ body: [String: Any] = booking()) async throws -> [String: Any] {
        let reply = try await api.post("/v1/appointments", as: role, json: body)
        #expect(reply.status == .created, "\(reply.body)")
        return reply.json
    }

    static func kinds(_ appointment: [String: Any]) -> [String] {
        (appointment["messages"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    }

    static func states(_ appointment: [String: Any]) -> [String: [String]] {
        var states: [String: [String]] = [:]
        for message in appointment["messages"] as? [[String: Any]] ?? [] {
            states[message["kind"] as? String ?? "?", default: []].append(message["state"] as? String ?? "?")
        }
        return states
    }

    @Test("an officer books in their own commune: 201 with the confirmation and two reminders; a repeat answers 200 with the same")
    func bookAndRepeat() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let booked = try await Self.book(api)
            let id = try #require(booked["id"] as? String)
            #expect(booked["commune"] as? String == "na-u")
            #expect(booked["status"] as? String == "booked")
            #expect(booked["place"] as? String == "Trụ sở UBND xã Na Ư")
            #expect(booked["note"] as? String == "mang ảnh 4x6")
            let applicant = try #require(booked["applicant"] as? [String: Any])
            #expect(applicant["phone"] as? String == "*******678")
            #expect(applicant["locale"] as? String == "vi")
            #expect(booked["startsAt"] as? String == APIDate.utc(Self.start.date))
            #expect(Self.kinds(booked) == ["appointment_confirmed", "appointment_reminder", "appointment_reminder"])
            #expect(Self.states(booked).values.allSatisfy { $0.allSatisfy { $0 == "pending" } })
            let confirmation = try #require((booked["messages"] as? [[String: Any]])?.first)
            #expect(confirmation["priority"] as? String == "urgent")
            #expect((confirmation["text"] as? String)?.contains("Công an xã Na Ư") == true)
            #expect(!String(describing: booked).contains("+84912345678"))

            let again = try await api.post("/v1/appointments", as: "officer", json: Self.booking(phone: "+84 912 345 678"))
            #expect(again.status == .ok)
            #expect(again.json["id"] as? String == id)
            #expect(Self.kinds(again.json).count == 3, "no second confirmation")

            let read = try await api.request(.get, "/v1/appointments/\(id)", as: "officer")
            #expect(read.status == .ok)
            #expect(read.json["id"] as? String == id)
            #expect(try await api.request(.get, "/v1/appointments/apt_none", as: "operator").status == .notFound)
        }
    }

    @Test("booked less than two hours ahead: the confirmation only")
    func bookedSoon() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let soon = Date().addingTimeInterval(90 * 60).formatted(Date.ISO8601FormatStyle())
            let booked = try await Self.book(api, Self.booking(startsAt: soon))
            #expect(Self.kinds(booked) == ["appointment_confirmed"])
        }
    }

    @Test("a move replaces unsent reminders and announces the new time; moving again does it again")
    func moveTwice() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api)["id"] as? String)
            let second = Self.upcoming(daysAhead: 4, hour: 9)
            let moved = try await api.request(.patch, "/v1/appointments/\(id)", as: "officer", body: #"{"startsAt": "\#(second.text)", "place": "Nhà văn hoá bản Na Ư"}"#)
            #expect(moved.status == .ok, "\(moved.body)")
            #expect(moved.json["startsAt"] as? String == APIDate.utc(second.date))
            #expect(moved.json["place"] as? String == "Nhà văn hoá bản Na Ư")
            #expect(Self.states(moved.json) == [
                "appointment_confirmed": ["cancelled"], "appointment_reminder": ["cancelled", "cancelled", "pending", "pending"],
                "appointment_rescheduled": ["pending"],
            ])
            let third = Self.upcoming(daysAhead: 5, hour: 15)
            let again = try await api.request(.patch, "/v1/appointments/\(id)", as: "operator", body: #"{"startsAt": "\#(third.text)"}"#)
            #expect(again.status == .ok)
            #expect(Self.states(again.json)["appointment_reminder"]?.filter { $0 == "pending" }.count == 2)
            #expect(Self.states(again.json)["appointment_rescheduled"] == ["cancelled", "pending"])
            let same = try await api.request(.patch, "/v1/appointments/\(id)", as: "officer", body: #"{"startsAt": "\#(third.text)"}"#)
            #expect(same.status == .unprocessableContent)
            #expect(same.errorCode == "same_start")
            #expect(same.errorField == "startsAt")
        }
    }

    @Test("a move after the confirmation was sent keeps it sent")
    func moveAfterSent() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api)["id"] as? String)
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1, "the confirmation is due at once; the reminders wait")
            let moved = try await api.request(.patch, "/v1/appointments/\(id)", as: "officer", body: #"{"startsAt": "\#(Self.upcoming(daysAhead: 6, hour: 8).text)"}"#)
            #expect(Self.states(moved.json)["appointment_confirmed"] == ["sent"])
            #expect(Self.states(moved.json)["appointment_rescheduled"] == ["pending"])
        }
    }

    @Test("a reasonCode gives the reason in the resident's language and marks the unreviewed Mông text; an unknown code is 422 naming reasonCode")
    func cancelWithReasonCode() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api, as: "officer", Self.booking(locale: "hmn"))["id"] as? String)
            let unknown = try await api.request(.post, "/v1/appointments/\(id)/cancel", as: "officer", body: #"{"reasonCode": "rain"}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.body)")
            #expect(unknown.errorCode == "unknown_value")
            #expect(unknown.errorField == "reasonCode")
            let malformed = try await api.request(.post, "/v1/appointments/\(id)/cancel", as: "officer", body: #"{"reasonCode": "Mưa to"}"#)
            #expect(malformed.errorField == "reasonCode")
            let cancelled = try await api.request(.post, "/v1/appointments/\(id)/cancel", as: "officer", body: #"{"reasonCode": "officer_away"}"#)
            #expect(cancelled.status == .ok, "\(cancelled.body)")
            #expect(cancelled.json["cancelReason"] as? String == "cán bộ đi công tác", "officers read the reason in Vietnamese")
            let message = try #require((cancelled.json["messages"] as? [[String: Any]])?.last)
            #expect(message["kind"] as? String == "appointment_cancelled")
            #expect((message["text"] as? String)?.contains("Vim: peb tus neeg ua hauj lwm tsis nyob.") == true, "\(message)")
            let unreviewed = try #require(message["unreviewedText"] as? [String: Any], "the Mông text is unreviewed: \(message)")
            #expect(unreviewed["locale"] as? String == "hmn")
            #expect(unreviewed["action"] as? String == "sent")
        }
    }

    @Test("cancel tells the resident and cancels what is pending; then nothing changes any more (409)")
    func cancelThenFinal() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api)["id"] as? String)
            let cancelled = try await api.request(.post, "/v1/appointments/\(id)/cancel", as: "officer", body: #"{"reason": "cán bộ đi công tác"}"#)
            #expect(cancelled.status == .ok, "\(cancelled.body)")
            #expect(cancelled.json["status"] as? String == "cancelled")
            #expect(cancelled.json["cancelReason"] as? String == "cán bộ đi công tác")
            #expect(Self.states(cancelled.json) == [
                "appointment_confirmed": ["cancelled"], "appointment_reminder": ["cancelled", "cancelled"], "appointment_cancelled": ["pending"],
            ])
            let cancelMessage = try #require((cancelled.json["messages"] as? [[String: Any]])?.last)
            #expect((cancelMessage["text"] as? String)?.contains("cán bộ đi công tác") == true)
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/v1/appointments/\(id)/cancel", nil), (.post, "/v1/appointments/\(id)/attended", nil),
                (.patch, "/v1/appointments/\(id)", #"{"startsAt": "\#(Self.upcoming(daysAhead: 7, hour: 9).text)"}"#),
            ] as [(HTTPRequest.Method, String, String?)] {
                let reply = try await api.request(method, path, as: "officer", body: body)
                #expect(reply.status == .conflict, "\(path)")
                #expect(reply.errorCode == "appointment_cancelled")
            }
            // The same resident may be booked at that time again.
            #expect(try await api.post("/v1/appointments", as: "officer", json: Self.booking()).status == .created)
        }
    }

    @Test("attended is recorded with no message; pending reminders are cancelled")
    func attended() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api)["id"] as? String)
            let reply = try await api.request(.post, "/v1/appointments/\(id)/attended", as: "officer")
            #expect(reply.status == .ok)
            #expect(reply.json["status"] as? String == "attended")
            #expect(Self.kinds(reply.json) == ["appointment_confirmed", "appointment_reminder", "appointment_reminder"])
            #expect(Self.states(reply.json)["appointment_reminder"] == ["cancelled", "cancelled"])
        }
    }

    @Test("a commune's day lists its appointments in order with their messages; an officer sees only their own")
    func listByDay() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let late = try await Self.book(api, Self.booking(startsAt: Self.upcoming(daysAhead: 3, hour: 15).text))
            let early = try await Self.book(api, Self.booking(startsAt: Self.upcoming(daysAhead: 3, hour: 8).text))
            let other = try await Self.book(api, as: "operator", Self.booking(commune: "muong-nhe"))
            _ = try await Self.book(api, Self.booking(startsAt: Self.upcoming(daysAhead: 4, hour: 8).text))
            let day = String(Self.upcoming(daysAhead: 3, hour: 12).text.prefix(10))
            func ids(_ reply: APIClient.Reply) -> [String] {
                (reply.json["appointments"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let officer = try await api.request(.get, "/v1/appointments?date=\(day)", as: "officer")
            #expect(officer.status == .ok)
            #expect(ids(officer) == [early["id"] as? String, late["id"] as? String].compactMap { $0 })
            #expect((officer.json["appointments"] as? [[String: Any]])?.allSatisfy { ($0["messages"] as? [Any])?.count == 3 } == true)
            let all = try await api.request(.get, "/v1/appointments?date=\(day)", as: "admin")
            #expect(ids(all).count == 3)
            let muongNhe = try await api.request(.get, "/v1/appointments?date=\(day)&commune=muong-nhe", as: "operator")
            #expect(ids(muongNhe) == [other["id"] as? String].compactMap { $0 })
            #expect(ids(try await api.request(.get, "/v1/appointments?date=\(day)", as: "otherOfficer")) == [other["id"] as? String].compactMap { $0 })
        }
    }

    @Test("commune scope: another commune's appointment is 404 to an officer on every route, and an officer cannot book or list for it")
    func communeScope() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let id = try #require(try await Self.book(api)["id"] as? String)
            let later = Self.upcoming(daysAhead: 6, hour: 9).text
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/appointments/\(id)", nil),
                (.patch, "/v1/appointments/\(id)", #"{"startsAt": "\#(later)"}"#),
                (.post, "/v1/appointments/\(id)/cancel", nil),
                (.post, "/v1/appointments/\(id)/attended", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let reply = try await api.request(method, path, as: "otherOfficer", body: body)
                #expect(reply.status == .notFound, "\(method) \(path)")
                #expect(reply.errorCode == "not_found")
            }
            let foreign = try await api.post("/v1/appointments", as: "otherOfficer", json: Self.booking(commune: "na-u"))
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorCode == "outside_key_scope")
            #expect(foreign.errorField == "commune")
            let day = String(Self.start.text.prefix(10))
            let list = try await api.request(.get, "/v1/appointments?date=\(day)&commune=na-u", as: "otherOfficer")
            #expect(list.status == .forbidden)
            #expect(list.errorField == "commune")
            // Nothing changed for the commune that owns it.
            let own = try await api.request(.get, "/v1/appointments/\(id)", as: "officer")
            #expect(own.json["status"] as? String == "booked")
            #expect(Self.states(own.json)["appointment_reminder"] == ["pending", "pending"])
            // Operators and admins act on every commune.
            #expect(try await api.request(.post, "/v1/appointments/\(id)/attended", as: "admin").status == .ok)
        }
    }

    @Test("only officers, operators and admins", arguments: [
        (HTTPRequest.Method.post, "/v1/appointments"), (.get, "/v1/appointments?date=2026-12-05"), (.get, "/v1/appointments/apt_x"),
        (.patch, "/v1/appointments/apt_x"), (.post, "/v1/appointments/apt_x/cancel"), (.post, "/v1/appointments/apt_x/attended"),
    ])
    func roles(method: HTTPRequest.Method, path: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let body = method == .get ? nil : "{}"
            let wrongRole = try await api.request(method, path, as: "ingest", body: body)
            #expect(wrongRole.status == .forbidden)
            let noKey = try await api.request(method, path, body: body)
            #expect(noKey.status == .unauthorized)
        }
    }

    @Test("every bad field is refused naming it", arguments: [
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "2030-12-05T08:30:00"}"#, 422, "startsAt", "invalid_field"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "2020-12-05T08:30:00+07:00"}"#, 422, "startsAt", "in_past"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "tomorrow"}"#, 422, "startsAt", "invalid_field"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue"}"#, 422, "startsAt", "missing_field"),
        (#"{"applicant": {"name": "A", "phone": "0215 3825 555"}, "procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant.phone", "invalid_phone"),
        (#"{"applicant": {"name": "A", "phone": "0912345678", "locale": "fr"}, "procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant.locale", "unknown_value"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "START", "commune": "ha-noi"}"#, 403, "commune", "outside_key_scope"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "nope", "startsAt": "START"}"#, 422, "procedure", "unknown_value"),
        (#"{"applicant": {"name": "A", "phone": 912345678}, "procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant.phone", "invalid_field"),
        (#"{"applicant": {"name": "A", "phone": "0912345678", "age": 3}, "procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant.age", "unknown_field"),
        (#"{"applicant": "Giàng A Vảng", "procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant", "invalid_field"),
        (#"{"procedure": "cccd_issue", "startsAt": "START"}"#, 422, "applicant", "missing_field"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "START", "startAt": "x"}"#, 422, "startAt", "unknown_field"),
        (#"{"applicant": {"name": "A", "phone": "0912345678"}, "procedure": "cccd_issue", "startsAt": "START", "dossierCode": "HS 1"}"#, 422, "dossierCode", "invalid_field"),
        (#"[1]"#, 422, nil, "invalid_body"),
        (#"{"#, 400, nil, "invalid_json"),
    ] as [(String, Int, String?, String)])
    func badFields(body: String, status: Int, field: String?, code: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/appointments", as: "officer", body: body.replacingOccurrences(of: "START", with: Self.start.text))
            #expect(reply.status.code == status, "\(reply.body)")
            #expect(reply.errorField == field)
            #expect(reply.errorCode == code)
        }
    }

    @Test("an operator must name the commune; the list needs a date and takes no other parameter")
    func operatorCommuneAndListQueries() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let noCommune = try await api.post("/v1/appointments", as: "operator", json: Self.booking())
            #expect(noCommune.status == .unprocessableContent)
            #expect(noCommune.errorField == "commune")
            let unknown = try await api.post("/v1/appointments", as: "operator", json: Self.booking(commune: "ha-noi"))
            #expect(unknown.errorField == "commune")
            #expect(unknown.errorCode == "unknown_value")
            for (query, field) in [("", "date"), ("?date=05/12/2026", "date"), ("?date=2026-02-30", "date"), ("?date=2026-12-05&page=2", "page")] {
                let reply = try await api.request(.get, "/v1/appointments\(query)", as: "operator")
                #expect(reply.status == .unprocessableContent, "\(query)")
                #expect(reply.errorField == field)
            }
            let badMove = try await api.request(.patch, "/v1/appointments/apt_x", as: "operator", body: #"{"startsAt": "2030-01-01T09:00:00"}"#)
            #expect(badMove.errorField == "startsAt")
            let reasonType = try await api.request(.post, "/v1/appointments/apt_x/cancel", as: "operator", body: #"{"reason": 5}"#)
            #expect(reasonType.errorField == "reason")
        }
    }
}

/// How the API writes instants.
enum APIDate {
    static func utc(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
