import Foundation
import GRDB
import LoaCore
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// Migration v8-dossier-source on a database written before it.
@Suite("SQLite migration v8-dossier-source")
struct SQLiteDossierSourceMigrationTests {
    static let acceptAll: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { _, _ in
        EventPlan(messages: [], supersedesOlderMessages: false)
    }

    static func event(_ id: String, dossier: String, source: String) -> DossierEvent {
        var event = Fixtures.event(id, dossier: dossier)
        event.source = source
        event.occurredAt = event.occurredAt.addingTimeInterval(Double(id.count))
        return event
    }

    @Test("existing dossiers take the source of their earliest kept event; one without events takes the next accepted event's")
    func backfill() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("loa.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            _ = try await store.ingest([Self.event("a", dossier: "D-1", source: "motcua"), Self.event("b", dossier: "D-2", source: "motcua")], plan: Self.acceptAll)
        }
        // Back to the schema before v8, with D-2's events pruned by retention.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                ALTER TABLE dossiers DROP COLUMN source;
                DELETE FROM grdb_migrations WHERE identifier = 'v8-dossier-source';
                DELETE FROM events WHERE dossier_code = 'D-2';
                """)
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let fromElsewhere = try await store.ingest([Self.event("c1", dossier: "D-1", source: "elsewhere")], plan: Self.acceptAll)
        guard case .rejected(let refusal) = fromElsewhere.first else {
            Issue.record("D-1's source was not backfilled from its event: \(fromElsewhere)")
            return
        }
        #expect(refusal.code == "source_mismatch")
        #expect(try await store.ingest([Self.event("c22", dossier: "D-2", source: "elsewhere")], plan: Self.acceptAll) == [.accepted(messageIds: [])])
        let original = try await store.ingest([Self.event("c333", dossier: "D-2", source: "motcua")], plan: Self.acceptAll)
        guard case .rejected(let later) = original.first else {
            Issue.record("D-2 did not keep the source of the first event after the migration: \(original)")
            return
        }
        #expect(later.code == "source_mismatch")
        #expect(later.message.contains("'elsewhere'"))
    }
}
