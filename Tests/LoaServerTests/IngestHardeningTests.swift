import Foundation
import Hummingbird
import LoaCore
import Testing

/// What no client may do to ingest: trap it with a number, hide text behind bidirectional
/// controls, or send a megabyte as a 120-character name.
@Suite("POST /v1/dossier-events against hostile input")
struct IngestHardeningTests {
    /// A valid event as JSON text, with `eventId` written raw (any JSON number or string).
    static func body(eventId: String) -> String {
        #"{"eventId": \#(eventId), "source": "s", "dossierCode": "000.00.00.H15-241130-0001", "procedure": "cccd_issue", "status": 9, "occurredAt": "2026-11-30T08:15:00+07:00", "applicant": {"name": "Giàng A Vảng", "phone": "0912345678", "locale": "hmn"}, "commune": "na-u"}"#
    }

    @Test("eventId -9223372036854775808 (Int64.min, whose abs traps) is refused naming eventId, alone and in a batch")
    func int64MinEventId() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let alone = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: Self.body(eventId: "-9223372036854775808"))
            #expect(alone.status == .unprocessableContent)
            #expect(alone.errorField == "eventId")
            let batch = try await api.request(
                .post, "/v1/dossier-events", as: "ingest",
                body: #"{"events": [\#(Self.body(eventId: "-9223372036854775808")), \#(Self.body(eventId: "\"after\""))]}"#)
            #expect(batch.status == .accepted)
            #expect(batch.results.map { $0["outcome"] as? String } == ["rejected", "accepted"])
            #expect((batch.results.first?["error"] as? [String: Any])?["field"] as? String == "eventId")
        }
    }

    @Test("numeric eventIds: whole numbers below 2^53 are read as text, the rest refused", arguments: [
        ("9007199254740991", "9007199254740991"), ("-9007199254740991", "-9007199254740991"), ("-0", "0"), ("1E+2", "100"),
        ("9007199254740992", nil), ("9223372036854775807", nil), ("9223372036854775808", nil), ("1e300", nil), ("2.5", nil),
    ] as [(String, String?)])
    func numericEventIds(written: String, read: String?) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let reply = try await api.request(.post, "/v1/dossier-events", as: "ingest", body: Self.body(eventId: written))
            if let read {
                #expect(reply.status == .accepted, "\(written): \(reply.body)")
                #expect(reply.results.first?["eventId"] as? String == read)
            } else {
                #expect(reply.status == .unprocessableContent, "\(written): \(reply.body)")
                #expect(reply.errorField == "eventId")
            }
        }
    }

    /// Sets the text at `path` (`applicant.name`) of a sample event.
    static func event(setting path: String, to value: String) -> [String: Any] {
        var event = SampleEvent.make("h-\(path)", status: "supplementRequired")
        let keys = path.split(separator: ".").map(String.init)
        if keys.count == 2, var applicant = event[keys[0]] as? [String: Any] {
            applicant[keys[1]] = value
            event[keys[0]] = applicant
        } else {
            event[path] = value
        }
        return event
    }

    static let textFields: [(path: String, valid: String)] = [
        ("eventId", "e-1"), ("source", "dienbien-motcua"), ("dossierCode", "000.00.00.H15-241130-0001"),
        ("procedure", "cccd_issue"), ("applicant.name", "Giàng A Vảng"), ("applicant.phone", "0912 345 678"),
        ("applicant.locale", "vi"), ("commune", "na-u"), ("dueDate", "2026-12-05"), ("note", "bản sao giấy khai sinh"),
    ]

    @Test("a bidirectional control in any text field is refused, naming the field", arguments: ["\u{202E}", "\u{2066}", "\u{200F}", "\u{061C}"])
    func bidirectionalControls(control: String) async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            for (path, valid) in Self.textFields {
                // The middle character replaced, so that no length limit answers first.
                let middle = valid.index(valid.startIndex, offsetBy: valid.count / 2)
                let text = String(valid[..<middle]) + control + valid[valid.index(after: middle)...]
                let reply = try await api.post("/v1/dossier-events", as: "ingest", json: Self.event(setting: path, to: text))
                #expect(reply.status == .unprocessableContent, "\(path): \(reply.body)")
                #expect(reply.errorField == path, "\(path): \(reply.body)")
                #expect(reply.body.contains("bidirectional control"), "\(path): \(reply.body)")
            }
            #expect(try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("fine")).status == .accepted)
        }
    }

    @Test("a name of 120 characters but a megabyte of combining marks is refused on its bytes")
    func stackedCombiningMarks() async throws {
        let harness = try await TestGateway.make(["server.maxBodyBytes": "2097152"])
        try await harness.test { api in
            let name = String(repeating: "a" + String(repeating: "\u{301}", count: 4000), count: 120)
            #expect(name.count == 120 && name.utf8.count > 900_000)
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: Self.event(setting: "applicant.name", to: name))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorField == "applicant.name")
            #expect(reply.body.contains("more than 480"))
            let note = String(repeating: "e\u{302}\u{303}\u{323}", count: 500)
            let noteReply = try await api.post("/v1/dossier-events", as: "ingest", json: Self.event(setting: "note", to: note))
            #expect(noteReply.errorField == "note")
            #expect(noteReply.body.contains("more than 2000"))
        }
    }

    @Test("names and notes at their limits in characters and bytes are accepted")
    func atTheLimits() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            // 120 characters of 4 bytes each: exactly 480 bytes.
            let name = String(repeating: "𝐀", count: 120)
            #expect(name.utf8.count == 480)
            let reply = try await api.post("/v1/dossier-events", as: "ingest", json: Self.event(setting: "applicant.name", to: name))
            // Accepted by the parser; the planner may still find the message too long for its budget.
            #expect(reply.status == .accepted || reply.errorCode == "too_long", "\(reply.body)")
            let note = String(repeating: "ễ", count: 500)
            let noteReply = try await api.post("/v1/dossier-events", as: "ingest", json: Self.event(setting: "note", to: note))
            #expect(noteReply.status == .accepted, "\(noteReply.body)")
        }
    }
}
