import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// `loa purge` on a database holding messages that ended long before `retention.messages`.
@Suite("loa purge, end to end", .serialized)
struct PurgeCommandTests {
    @Test("purge --dry-run counts per table and changes nothing; purge removes it")
    func dryRunThenPurge() async throws {
        let loa = try LoaBinary()
        let store = try SQLiteStore(path: loa.databasePath)
        try await store.migrate()
        let longAgo = Date().addingTimeInterval(-200 * 86_400)
        let ids = ["m-old-1", "m-old-2", "m-recent"]
        let events = ids.map { id in
            DossierEvent(
                eventId: "e-" + id, source: "test", dossierCode: "D-" + id, procedure: "cccd_issue", status: .resultReady,
                occurredAt: longAgo, applicantName: "Giàng A Vảng", applicantPhone: try! PhoneNumber(parsing: "0912345678"),
                locale: .vietnamese, commune: "na-u", dueDate: nil, note: nil)
        }
        _ = try await store.ingest(events) { event, _ throws(IngestRejection) in
            EventPlan(messages: [StoredMessage(
                id: String(event.eventId.dropFirst(2)), dossierCode: event.dossierCode, commune: "na-u",
                kind: NotificationKind(rawValue: "result_ready"), locale: .vietnamese, priority: .normal,
                recipient: event.applicantPhone.e164, text: "Hồ sơ của Giàng A Vảng đã có kết quả.", encoding: .ucs2,
                segments: 1, createdAt: longAgo, updatedAt: longAgo, notBefore: longAgo,
                expiresAt: longAgo.addingTimeInterval(86_400), eventSource: event.source, eventId: event.eventId)],
                supersedesOlderMessages: false)
        }
        _ = try await store.cancel(ids: ["m-old-1", "m-old-2"], reason: "test", at: longAgo)
        _ = try await store.cancel(ids: ["m-recent"], reason: "test", at: Date())

        let dryRun = try await loa.run(["purge", "--dry-run"])
        #expect(Self.count("messages", in: dryRun) == 2)
        #expect(Self.count("dossiers", in: dryRun) == 0)
        #expect(dryRun.contains("nothing was removed"))
        #expect(try await store.message(id: "m-old-1")?.recipient == "+84912345678")

        let purge = try await loa.run(["purge"])
        #expect(Self.count("messages", in: purge) == 2)
        for id in ["m-old-1", "m-old-2"] {
            let message = try #require(try await store.message(id: id))
            #expect(message.recipient.isEmpty && message.text.isEmpty, "\(id)")
        }
        #expect(try await store.message(id: "m-recent")?.recipient == "+84912345678")
        #expect(Self.count("messages", in: try await loa.run(["purge", "--dry-run"])) == 0)
    }

    /// The count printed on the line of `table`.
    static func count(_ table: String, in output: String) -> Int? {
        output.split(separator: "\n").first { $0.hasPrefix(table + " ") }
            .flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
    }
}
