import Foundation
import Hummingbird
import LoaCore
import Testing

@Suite("POST /v1/dossier-events")
struct IngestRouteTests {
    @Test("a valid event is accepted with its message ids, and committed")
    func acceptsEvent() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            #expect(reply.status == .accepted)
            let result = try #require(reply.results.first)
            #expect(result["outcome"] as? String == "accepted")
            let ids = try #require(result["messageIds"] as? [String])
            #expect(ids.count == 1)
            let stored = try #require(try await harness.gateway.store.message(id: ids[0]))
            #expect(stored.kind == .resultReady)
            #expect(stored.state == .pending)
            #expect(stored.recipient == "+84912345678")
            #expect(stored.text.contains("000.00.00.H15-241130-0001"))
        }
    }

    @Test("statuses are accepted as a number, an English code and a case name")
    func statusSpellings() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let spellings: [Any] = [9, "releasing", "resultReady"]
            for (index, status) in spellings.enumerated() {
                let reply = try await api.post("/v1/dossier-events", as: "ingest",
                                               json: SampleEvent.make("s\(index)", status: status, dossier: "D-\(index)"))
                #expect(reply.status == .accepted, "status \(status)")
                #expect((reply.results.first?["messageIds"] as? [String])?.count == 1, "status \(status)")
            }
        }
    }

    @Test("the same source and eventId is a duplicate and creates no message")
    func duplicate() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            _ = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            let again = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            #expect(again.status == .accepted)
            #expect(again.results.first?["outcome"] as? String == "duplicate")
            let counts = try await harness.gateway.store.countsByState()
            #expect(counts[.pending] == 1, "\(counts)")
        }
    }

    @Test("a Mông event renders GSM-7 without Vietnamese marks; a Vietnamese one keeps them")
    func locales() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let hmn = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("h", locale: "hmn", dossier: "D-H"))
            let vi = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("v", locale: "vi", dossier: "D-V"))
            let hmnId = try #require((hmn.results.first?["messageIds"] as? [String])?.first)
            let viId = try #require((vi.results.first?["messageIds"] as? [String])?.first)
            let hmnMessage = try #require(try await harness.gateway.store.message(id: hmnId))
            let viMessage = try #require(try await harness.gateway.store.message(id: viId))
            #expect(hmnMessage.encoding == .gsm7)
            #expect(hmnMessage.text.contains("Giang A Vang"))
            #expect(viMessage.encoding == .ucs2)
            #expect(viMessage.text.contains("Giàng A Vảng"))
        }
    }

    @Test("a status without a rule is accepted and sends nothing")
    func statusWithoutRule() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("p", status: "processing"))
            #expect(reply.results.first?["outcome"] as? String == "accepted")
            #expect((reply.results.first?["messageIds"] as? [String]) == [])
        }
    }

    @Test("a batch answers one outcome per event, in order; a bad phone rejects only its event")
    func batch() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let events = [
                SampleEvent.make("b1", dossier: "D-1"),
                SampleEvent.make("b2", phone: "0215 3825 555", dossier: "D-2"),
                SampleEvent.make("b3", dossier: "D-3"),
                SampleEvent.make("b1", dossier: "D-1"),
            ]
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: ["events": events])
            #expect(reply.status == .accepted)
            #expect(reply.results.map { $0["outcome"] as? String } == ["accepted", "rejected", "accepted", "duplicate"])
            #expect(reply.results.map { $0["index"] as? Int } == [0, 1, 2, 3])
            let error = reply.results[1]["error"] as? [String: Any]
            #expect(error?["field"] as? String == "applicant.phone")
            #expect(error?["code"] as? String == "invalid_phone")
            #expect(try await harness.gateway.store.countsByState()[.pending] == 2)
        }
    }

    @Test("more than 1000 events is refused with 422 naming events")
    func batchTooLarge() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let events = (0...1000).map { SampleEvent.make("x\($0)", dossier: "D-\($0)") }
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: ["events": events])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == "events")
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("malformed JSON is 400")
    func malformedJSON() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: "{\"eventId\": ")
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "invalid_json")
        }
    }

    @Test("a body over 1 MiB is 413")
    func oversized() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let padding = String(repeating: "x", count: 1_100_000)
            let reply = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: "{\"note\": \"\(padding)\"}")
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errorCode == "body_too_large")
        }
    }

    @Test("each missing or bad field is 422 naming it", arguments: [
        ("eventId", nil, "eventId"),
        ("status", nil, "status"),
        ("status", 11, "status"),
        ("status", "finished", "status"),
        ("procedure", "no_such_procedure", "procedure"),
        ("commune", "atlantis", "commune"),
        ("occurredAt", "yesterday", "occurredAt"),
        ("occurredAt", nil, "occurredAt"),
        ("dueDate", "05/12/2026", "dueDate"),
        ("dossierCode", "bad code!", "dossierCode"),
        ("applicant", nil, "applicant"),
    ] as [(String, (any Sendable)?, String)])
    func badField(key: String, value: (any Sendable)?, field: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var event = SampleEvent.make("bad")
            event[key] = value
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: event)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == field)
            #expect(try await harness.gateway.store.countsByState().isEmpty)
        }
    }

    @Test("a name of 120 characters in more than 120 bytes is accepted")
    func longestName() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var event = SampleEvent.make("long-name")
            var applicant = event["applicant"] as! [String: Any]
            applicant["name"] = String(repeating: "Vảng ", count: 24).trimmingCharacters(in: .whitespaces) + "ằ"
            event["applicant"] = applicant
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: event)
            #expect(reply.status == .accepted)
        }
    }

    @Test("bad applicant fields are 422 naming them", arguments: [
        ("phone", "12345", "applicant.phone"),
        ("phone", "not a number", "applicant.phone"),
        ("phone", nil, "applicant.phone"),
        ("locale", "fr", "applicant.locale"),
        ("name", nil, "applicant.name"),
        ("name", "Giàng A\u{7}Vảng", "applicant.name"),
        ("name", "Giàng A\u{85}Vảng", "applicant.name"),
        ("name", String(repeating: "Vảng ", count: 30), "applicant.name"),
    ] as [(String, String?, String)])
    func badApplicant(key: String, value: String?, field: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var event = SampleEvent.make("bad")
            var applicant = event["applicant"] as! [String: Any]
            applicant[key] = value
            event["applicant"] = applicant
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: event)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == field)
        }
    }

    @Test("an occurredAt in the future is refused: it would hide the dossier's next events")
    func futureOccurredAt() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let future = Date().addingTimeInterval(7 * 3600).formatted(.iso8601)
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("f", occurredAt: future))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == "occurredAt")
        }
    }

    @Test("a note that would make the notice too long is cut short to fit its budget, not refused")
    func noteTooLong() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var event = SampleEvent.make("n", status: "supplementRequired")
            event["note"] = String(repeating: "Bản sao giấy khai sinh có chứng thực. ", count: 12)
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: event)
            #expect(reply.status == .accepted)
            let id = try #require((reply.results.first?["messageIds"] as? [String])?.first)
            let stored = try #require(try await harness.gateway.store.message(id: id))
            #expect(stored.segments <= 2)
            #expect(stored.text.contains("Ban sao giay khai sinh co chung thuc."))
            #expect(stored.text.contains("..."))
        }
    }

    @Test("a received notice without its due date names dueDate")
    func missingTemplateVariable() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            var event = SampleEvent.make("r", status: "received")
            event["dueDate"] = nil
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: event)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == "dueDate")
        }
    }

    @Test("an older event after a newer one is recorded but sends nothing; a newer one supersedes")
    func ordering() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let received = try await api.post("/v1/dossier-events", as: "ingest",
                                              json: SampleEvent.make("1", status: 2, occurredAt: "2026-11-30T08:00:00+07:00"))
            let receivedId = try #require((received.results.first?["messageIds"] as? [String])?.first)
            let ready = try await api.post("/v1/dossier-events", as: "ingest",
                                           json: SampleEvent.make("2", status: 9, occurredAt: "2026-11-30T09:00:00+07:00"))
            #expect((ready.results.first?["messageIds"] as? [String])?.count == 1)
            #expect(try await harness.gateway.store.message(id: receivedId)?.state == .cancelled)
            let late = try await api.post("/v1/dossier-events", as: "ingest",
                                          json: SampleEvent.make("3", status: 5, occurredAt: "2026-11-30T08:30:00+07:00"))
            #expect(late.results.first?["outcome"] as? String == "accepted")
            #expect((late.results.first?["messageIds"] as? [String]) == [])
        }
    }
}

@Suite("Encoding policy per route")
struct RouteEncodingTests {
    @Test("a route that folds Vietnamese sends it GSM-7 without marks")
    func foldingRoute() async throws {
        let harness = try await TestGateway.make(["providers.sandbox.encoding.vi": "fold"])
        try await harness.test { api in
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("f", locale: "vi"))
            let id = try #require((reply.results.first?["messageIds"] as? [String])?.first)
            let message = try #require(try await harness.gateway.store.message(id: id))
            #expect(message.encoding == .gsm7)
            #expect(message.text.contains("Giang A Vang"))
            #expect(!message.text.contains("ả"))
        }
    }
}
