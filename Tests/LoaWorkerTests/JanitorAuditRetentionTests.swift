import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import LoaWorker
import Logging
import Testing

/// The janitor forgets audit entries past `retention.audit`, which outlives `retention.messages`.
@Suite("Janitor audit retention")
struct JanitorAuditRetentionTests {
    @Test("audit entries older than retention.audit go; those only older than retention.messages stay")
    func forgetsAuditPastItsOwnHorizon() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let now = Date()
        let day = 86_400.0
        try await store.recordAudit([
            AuditEntry(at: now.addingTimeInterval(-800 * day), action: .keyCreated, actor: .commandLine, remoteAddress: nil, subject: "key_old"),
            AuditEntry(at: now.addingTimeInterval(-100 * day), action: .keyRevoked, actor: .commandLine, remoteAddress: nil, subject: "key_kept"),
        ])
        let janitor = Janitor(
            outbox: store, retention: store, audit: store, retentionPolicy: RetentionPolicy(messageSeconds: 90 * day, auditSeconds: 730 * day),
            intervalSeconds: 0.01, logger: Logger(label: "test.janitor"), now: { now })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await janitor.run() }
            try await JanitorRetentionTests.waitUntil("the old audit entry is forgotten") {
                try await store.auditEntries(AuditQuery(limit: 10)).count == 1
            }
            group.cancelAll()
        }
        #expect(try await store.auditEntries(AuditQuery(limit: 10)).map(\.subject) == ["key_kept"])
    }
}
