import Foundation
import LoaCore
import LoaStore
import Synchronization
import Testing

/// A dossier belongs to the commune and the source that created it: an event naming another
/// commune or coming from another source changes neither the dossier nor its messages.
extension StoreConformance {
    static func dossierBelongsToItsCommuneAndSource(_ store: any Store) async throws {
        let snapshots = SnapshotLog()
        let plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan = { event, snapshot in
            snapshots.record(snapshot)
            return EventPlan(messages: [Fixtures.message(for: event, id: "m-" + event.eventId)], supersedesOlderMessages: snapshot != nil)
        }
        let created = Fixtures.event("created")
        #expect(try await store.ingest([created], plan: plan) == [.accepted(messageIds: ["m-created"])])

        // A newer status for the same dossier code, but another commune, or another source.
        var otherCommune = Fixtures.event("hijack-commune")
        otherCommune.commune = "muong-nhe"
        otherCommune.status = .resultReady
        otherCommune.occurredAt = created.occurredAt.addingTimeInterval(60)
        otherCommune.applicantPhone = try PhoneNumber(parsing: "0987654321")
        var otherSource = otherCommune
        otherSource.eventId = "hijack-source"
        otherSource.commune = created.commune
        otherSource.source = "another-system"
        let outcomes = try await store.ingest([otherCommune, otherSource], plan: plan)
        #expect(outcomes.count == 2)
        guard case .rejected(let communeRefusal) = outcomes.first, case .rejected(let sourceRefusal) = outcomes.last else {
            Issue.record("events about another commune's or source's dossier were not rejected: \(outcomes)")
            return
        }
        #expect(communeRefusal.code == "commune_mismatch")
        #expect(communeRefusal.field == "commune")
        #expect(communeRefusal.message.contains("'na-u'"))
        #expect(communeRefusal.message.contains("operator"))
        #expect(sourceRefusal.code == "source_mismatch")
        #expect(sourceRefusal.field == "source")
        #expect(sourceRefusal.message.contains("'test'"))
        #expect(snapshots.count == 1, "a refused event must not even be planned")

        // Nothing changed: the message is still pending, no other was made, no event recorded.
        #expect(try await store.message(id: "m-created")?.state == .pending)
        #expect(try await store.messages(dossierCode: created.dossierCode, commune: nil).map(\.id) == ["m-created"])
        #expect(try await store.inboxRecord(source: otherCommune.source, eventId: otherCommune.eventId) == nil)
        #expect(try await store.inboxRecord(source: otherSource.source, eventId: otherSource.eventId) == nil)

        // The dossier's owner goes on: its snapshot still has the first commune, status and source.
        var next = created
        next.eventId = "next"
        next.status = .resultReady
        next.occurredAt = otherCommune.occurredAt
        #expect(try await store.ingest([next], plan: plan) == [.accepted(messageIds: ["m-next"])])
        let seen = try #require(snapshots.last)
        #expect(seen.commune == created.commune)
        #expect(seen.status == created.status)
        #expect(seen.source == created.source)
        #expect(try await store.message(id: "m-created")?.state == .cancelled)
    }
}

/// The snapshots a plan was called with, in order.
private final class SnapshotLog: Sendable {
    private let snapshots = Mutex<[DossierSnapshot?]>([])

    func record(_ snapshot: DossierSnapshot?) { snapshots.withLock { $0.append(snapshot) } }
    var count: Int { snapshots.withLock { $0.count } }
    var last: DossierSnapshot? { snapshots.withLock { $0.last ?? nil } }
}
