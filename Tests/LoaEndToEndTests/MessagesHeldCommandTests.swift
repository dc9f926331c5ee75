import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// `loa messages held` and `loa messages release` against the real binary and its database.
@Suite("loa messages held and release, end to end", .serialized)
struct MessagesHeldCommandTests {
    /// A Mông message held for a text review, with the Vietnamese text kept beside it.
    static func held(_ id: String, at now: Date) -> StoredMessage {
        StoredMessage(
            id: id, dossierCode: "D-\(id)", commune: "na-u", kind: .resultReady, locale: .hmong, priority: .normal,
            recipient: "+84912345678", text: "Nyob zoo. Koj cov ntaub ntawv twb tiav lawm.", encoding: .gsm7, segments: 1,
            createdAt: now, updatedAt: now, notBefore: now.addingTimeInterval(86_400), expiresAt: now.addingTimeInterval(86_400),
            eventSource: "test", eventId: "e-\(id)", waitReason: .textReview, unreviewedLocale: .hmong,
            textReviewHold: TextReviewHold(
                textSHA256: String(repeating: "a", count: 64), dueAt: now,
                alternative: .init(locale: .vietnamese, text: "Hồ sơ D-\(id) đã có kết quả.", encoding: .ucs2, segments: 1)))
    }

    @Test("held lists held messages masked; release sends either text once, audits each id and fails on the ones it could not release")
    func listAndRelease() async throws {
        let loa = try LoaBinary()
        _ = try await loa.run(["migrate"])
        #expect(try await loa.run(["messages", "held"]).contains("no message is held for a text review"))

        let now = Date()
        let store = try SQLiteStore(path: loa.databasePath)
        let ids = ["msg_01KB9Q3V8R4Z7M2N6P5T8W0HA1", "msg_01KB9Q3V8R4Z7M2N6P5T8W0HA2"]
        let messages = ids.map { Self.held($0, at: now) }
        let events = messages.map {
            DossierEvent(
                eventId: $0.eventId, source: "test", dossierCode: $0.dossierCode, procedure: "cccd_issue", status: .resultReady,
                occurredAt: now, applicantName: "Giàng A Vảng", applicantPhone: try! PhoneNumber(parsing: "0912345678"),
                locale: .hmong, commune: "na-u", dueDate: nil, note: nil)
        }
        let byEvent = Dictionary(uniqueKeysWithValues: zip(events.map(\.eventId), messages))
        _ = try await store.ingest(events) { event, _ throws(IngestRejection) in
            EventPlan(messages: [byEvent[event.eventId]!], supersedesOlderMessages: false)
        }

        let listing = try await loa.run(["messages", "held"]).split(separator: "\n").map(String.init)
        #expect(listing.first == "id\tkind\tlocale\tto\tcreated\texpires\twaitingFor")
        let rows = listing.filter { $0.hasPrefix("msg_") }.map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { $0[0] }.sorted() == ids)
        #expect(rows.allSatisfy { $0[2] == "hmn" && $0[3] == "*******678" && $0[6] == "textReview" }, "\(rows)")
        #expect(!listing.joined().contains("0912345678") && !listing.joined().contains("+84912345678"))

        let bad = try await loa.runFailing(["messages", "release", "--send", "french", ids[0]])
        #expect(bad.status != 0 && bad.error.contains("--send"))

        #expect(try await loa.run(["messages", "release", "--send", "unreviewed", ids[0]]) == "\(ids[0])\treleased unreviewed\n")
        let asWritten = try #require(try await store.message(id: ids[0]))
        #expect(asWritten.locale == .hmong && asWritten.text == messages[0].text)
        #expect(asWritten.waitingFor(at: now) != .textReview)

        // One released, one already released, one unknown: each said, and the command fails.
        let unknown = "msg_01KB9Q3V8R4Z7M2N6P5T8W0HA9"
        let mixed = try await loa.runFailing(["messages", "release", "--send", "vietnamese", ids[1], ids[0], unknown])
        #expect(mixed.status != 0)
        #expect(mixed.output.split(separator: "\n") == ["\(ids[1])\treleased vietnamese", "\(ids[0])\tnotHeld pending", "\(unknown)\tnotFound"])
        let replaced = try #require(try await store.message(id: ids[1]))
        #expect(replaced.locale == .vietnamese && replaced.text == "Hồ sơ D-\(ids[1]) đã có kết quả.")

        #expect(try await loa.run(["messages", "held"]).contains("no message is held for a text review"))
        let audit = try await loa.run(["audit", "--action", "messageReleased"]).split(separator: "\n")
        #expect(audit.count == 4, "one entry per id: \(audit)")
    }
}
