import Foundation
import GRDB
import LoaCore
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// What a purge leaves in the SQLite file itself: searched with SQL in every column of every
/// table, and in the file's bytes.
@Suite("SQLite retention")
struct SQLiteRetentionTests {
    /// The resident whose data is past the horizon, and one whose data is not.
    static let gone = (phone: "0912345678", digits: "912345678", name: "Giàng A Vảng")
    static let kept = (phone: "0987654321", digits: "987654321", name: "Lò Thị Mai")

    @Test("no phone number or name of a purged message, report, dossier or inbound message is left in any column or in the file")
    func nothingPersonalIsLeft() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("loa.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let (old, horizon, later) = StoreConformance.retentionTimes()

        try await ingest(store, resident: Self.gone, messageId: "m-gone", occurredAt: old)
        let claimed = try await store.claimDue(now: old, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.map(\.message.id) == ["m-gone"])
        try await store.record([AttemptOutcome(messageId: "m-gone", attempt: 1, provider: "p", result: .sent(providerMessageId: "p-gone"), finishedAt: old)])
        // Providers' reports may quote the number and the start of the text.
        _ = try await store.record([DeliveryReceipt(
            provider: "p", messageId: nil, providerMessageId: "p-gone", status: .undelivered,
            detail: "sub:001 dlvrd:000 err:011 to:84\(Self.gone.digits) text:\(Self.gone.name)", receivedAt: old)])
        #expect(try await store.message(id: "m-gone")?.state == .undelivered)

        try await ingest(store, resident: Self.kept, messageId: "m-kept", occurredAt: later)
        _ = try await store.cancel(ids: ["m-kept"], reason: "test", at: later)
        // What each resident sent back, signed with their name.
        for (resident, receivedAt) in [(Self.gone, old), (Self.kept, later)] {
            _ = try await store.record([InboundMessage(
                provider: "kannel", providerMessageId: "mo-\(resident.digits)", from: try PhoneNumber(parsing: resident.phone),
                to: "8088", text: "HS D-1 \(resident.name)", receivedAt: receivedAt)])
        }

        let removed = try await store.purgeAll(horizon: horizon)
        #expect(removed.messages == 1)
        #expect(removed.receipts == 1)
        #expect(removed.dossiers == 1)
        #expect(removed.inbound == 1)

        let database = try DatabaseQueue(path: path)
        for needle in [Self.gone.digits, Self.gone.name] {
            #expect(try Self.rows(containing: needle, in: database).isEmpty, "\(needle) is still in the database")
        }
        // The search finds what is meant to stay, so an empty answer above means something.
        for needle in [Self.kept.digits, Self.kept.name] {
            #expect(try !Self.rows(containing: needle, in: database).isEmpty, "\(needle) should be found")
        }

        // Nor in the file's free space: secure_delete zeroes what was removed.
        try await database.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(Self.gone.digits.utf8)) == nil)
        #expect(bytes.range(of: Data(Self.gone.name.utf8)) == nil)
        #expect(bytes.range(of: Data(Self.kept.digits.utf8)) != nil)
    }

    /// One event of a closed dossier with one message naming the resident.
    private func ingest(_ store: SQLiteStore, resident: (phone: String, digits: String, name: String), messageId: String, occurredAt: Date) async throws {
        var event = StoreConformance.retentionEvent("e-" + messageId, dossier: "D-" + messageId, status: .refusedAtIntake, occurredAt: occurredAt)
        event.applicantName = resident.name
        event.applicantPhone = try PhoneNumber(parsing: resident.phone)
        let outcomes = try await store.ingest([event]) { event, _ throws(IngestRejection) in
            var message = Fixtures.message(for: event, id: messageId)
            message.recipient = event.applicantPhone.e164
            message.text = "Kính gửi \(event.applicantName): hồ sơ \(event.dossierCode) không được tiếp nhận."
            (message.createdAt, message.updatedAt, message.notBefore) = (occurredAt, occurredAt, occurredAt)
            message.expiresAt = occurredAt.addingTimeInterval(86_400)
            return EventPlan(messages: [message], supersedesOlderMessages: false)
        }
        #expect(outcomes == [.accepted(messageIds: [messageId])])
    }

    /// `table.column` of every row, in any table, whose value contains `needle`.
    static func rows(containing needle: String, in database: DatabaseQueue) throws -> [String] {
        try database.read { db in
            var found: [String] = []
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables {
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map({ $0["name"] as String }) {
                    let count = try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)
                        WHERE instr(CAST(\(column.quotedDatabaseIdentifier) AS TEXT), ?) > 0
                        """, arguments: [needle]) ?? 0
                    if count > 0 { found.append("\(table).\(column)") }
                }
            }
            return found
        }
    }
}
