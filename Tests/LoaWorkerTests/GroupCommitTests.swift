import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaWorker
import LoaTestSupport
import Testing

/// Group commit: concurrent requests share transactions, and each gets exactly its own outcomes.
@Suite("Ingest group commit")
struct GroupCommitTests {
    @Test("200 concurrent requests of 5 events: every outcome reaches its own request, in order")
    func concurrentRequests() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let root = Repository.root
        let planner = EventPlanner(
            rules: .defaults, catalog: try TemplateCatalog.load(from: root.appendingPathComponent("templates")),
            reference: try ReferenceData.load(
                proceduresFile: root.appendingPathComponent("config/procedures.yaml").path,
                communesFile: root.appendingPathComponent("config/communes.yaml").path),
            now: { Date() })
        let committer = GroupCommitter.ingest(into: store, planner: planner, maxEventsPerCommit: 64)
        let phone = try PhoneNumber(parsing: "0912345678")
        func event(_ id: String, status: DossierStatus = .resultReady) -> DossierEvent {
            DossierEvent(eventId: id, source: "batch", dossierCode: "B-" + id, procedure: "cccd_issue", status: status,
                         occurredAt: Date(), applicantName: "Giàng A Vảng", applicantPhone: phone, locale: .hmong,
                         commune: "na-u", dueDate: nil, note: nil)
        }
        let results = try await withThrowingTaskGroup(of: (Int, [IngestOutcome]).self) { group in
            for request in 0..<200 {
                group.addTask {
                    // Each request repeats its first event, and one event sends nothing.
                    let events = [event("\(request)-0"), event("\(request)-1"), event("\(request)-0"),
                                  event("\(request)-2", status: .processing), event("\(request)-3")]
                    return (request, try await committer.commit(events))
                }
            }
            return try await group.reduce(into: [Int: [IngestOutcome]]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 200)
        for (request, outcomes) in results {
            #expect(outcomes.count == 5)
            guard outcomes.count == 5 else { continue }
            #expect(outcomes[2] == .duplicate, "request \(request)")
            #expect(outcomes[3] == .accepted(messageIds: []), "request \(request)")
            for index in [0, 1, 4] {
                guard case .accepted(let ids) = outcomes[index], let id = ids.first else {
                    Issue.record("request \(request) event \(index): \(outcomes[index])")
                    continue
                }
                let message = try await store.message(id: id)
                #expect(message?.eventId == "\(request)-\(index == 4 ? 3 : index)")
            }
        }
        #expect(try await store.countsByState()[.pending] == 600)
    }
}
