import Foundation
import LoaStore
@testable import LoaServer
import Testing

/// The hand-written ingest answer is valid JSON that reads back to the same values.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings read back unchanged, whatever they hold", arguments: [
        "plain", "", "quote \" and backslash \\", "slash / stays", "line\nbreak\ttab\rreturn",
        "bell \u{7} and \u{1f} and \u{0}", "Hồ sơ đã có kết quả", "emoji 👍🏽", "nul\u{0}end",
    ])
    func strings(text: String) throws {
        var writer = JSONWriter()
        writer.raw("[")
        writer.string(text)
        writer.raw("]")
        let read = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(read == [text])
    }

    @Test("an ingest answer carries every result, absent values left out, keys sorted")
    func ingestAnswer() throws {
        let response = IngestResponse(results: [
            EventResult(index: 0, eventId: "e-1", outcome: .accepted(messageIds: ["msg_1", "msg_2"])),
            EventResult(index: 1, eventId: "e-2", outcome: .duplicate),
            EventResult(index: 2, eventId: nil, rejection: IngestRejection(code: "invalid_field", message: "status 'x\"y' is unknown", field: "status")),
            EventResult(index: 3, eventId: "e-4", rejection: IngestRejection(code: "render_failed", message: "no", field: nil)),
            EventResult(index: 4, eventId: "e-5", outcome: .accepted(messageIds: [])),
        ])
        let text = String(decoding: response.json(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"results":[{"eventId":"e-1","index":0,"messageIds":["msg_1","msg_2"],"outcome":"accepted"},"#))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.json())) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 5)
        #expect(results[1]["outcome"] as? String == "duplicate")
        #expect(results[1]["messageIds"] == nil)
        #expect(results[2]["eventId"] == nil)
        let error = try #require(results[2]["error"] as? [String: Any])
        #expect(error["message"] as? String == "status 'x\"y' is unknown")
        #expect(error["field"] as? String == "status")
        // Like every error the API writes, `field` is there, null when no field is at fault.
        let fieldless = try #require(results[3]["error"] as? [String: Any])
        #expect(fieldless["field"] is NSNull)
        #expect(results[4]["messageIds"] as? [String] == [])
    }
}
