import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import LoaWorker
import Logging
import Synchronization
import Testing

/// The janitor runs the retention purge of ``PersonalDataRetention`` on its own clock.
@Suite("Janitor retention")
struct JanitorRetentionTests {
    @Test("the janitor purges personal data past retention at its first sweep, and again once its clock has moved on")
    func purgesAsTheClockMovesOn() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let start = Date()
        let day = 86_400.0
        try await Self.insertFinalMessage(store, id: "m-first", createdAt: start, finalAt: start)
        try await Self.insertFinalMessage(store, id: "m-second", createdAt: start, finalAt: start.addingTimeInterval(30 * day))

        let clock = Mutex(start.addingTimeInterval(91 * day))
        let janitor = Janitor(
            outbox: store, retention: store, retentionPolicy: RetentionPolicy(messageSeconds: 90 * day),
            intervalSeconds: 0.01, retentionIntervalSeconds: 3600, logger: Logger(label: "test.janitor"),
            now: { clock.withLock { $0 } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await janitor.run() }
            try await Self.waitUntil("m-first is purged") { try await store.message(id: "m-first")?.recipient == "" }
            // m-second ended 61 days before the janitor's now: it stays, however long we look.
            let second = try #require(try await store.message(id: "m-second"))
            #expect(second.recipient == "+84912345678")
            #expect(second.text.contains("Giàng A Vảng"))

            clock.withLock { $0 = start.addingTimeInterval(121 * day) }
            try await Self.waitUntil("m-second is purged") { try await store.message(id: "m-second")?.recipient == "" }
            group.cancelAll()
        }
        #expect(try await store.purgeable(horizon: start.addingTimeInterval(31 * day)).isEmpty)
        let first = try #require(try await store.message(id: "m-first"))
        #expect(first.text.isEmpty)
        #expect(first.state == .cancelled)
        #expect(first.kind == NotificationKind(rawValue: "result_ready"))
    }

    /// One message to +84912345678 naming the resident, created at `createdAt` and cancelled
    /// (a final state) at `finalAt`.
    static func insertFinalMessage(_ store: SQLiteStore, id: String, createdAt: Date, finalAt: Date) async throws {
        let event = DossierEvent(
            eventId: "e-" + id, source: "test", dossierCode: "D-" + id, procedure: "cccd_issue", status: .resultReady,
            occurredAt: createdAt, applicantName: "Giàng A Vảng", applicantPhone: try PhoneNumber(parsing: "0912345678"),
            locale: .vietnamese, commune: "na-u", dueDate: nil, note: nil)
        let message = StoredMessage(
            id: id, dossierCode: event.dossierCode, commune: "na-u", kind: NotificationKind(rawValue: "result_ready"),
            locale: .vietnamese, priority: .normal, recipient: event.applicantPhone.e164,
            text: "Hồ sơ của Giàng A Vảng đã có kết quả.", encoding: .ucs2, segments: 1,
            createdAt: createdAt, updatedAt: createdAt, notBefore: createdAt, expiresAt: createdAt.addingTimeInterval(86_400),
            eventSource: event.source, eventId: event.eventId)
        let outcomes = try await store.ingest([event]) { _, _ throws(IngestRejection) in
            EventPlan(messages: [message], supersedesOlderMessages: false)
        }
        #expect(outcomes == [.accepted(messageIds: [id])])
        #expect(try await store.cancel(ids: [id], reason: "test", at: finalAt)[id] == .cancelled)
    }

    /// Waits for `condition`, looking every 20 ms; gives up (recording an issue) after a
    /// generous minute, a safety net only.
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let giveUp = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < giveUp else {
                Issue.record("gave up waiting: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
