import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Logging
import Testing

/// `unreviewed: hold` with `holdAs: operator`: an unreviewed Mông text waits for an operator,
/// through the real planner, a real SQLite outbox and the real `reviews.yaml`.
@Suite("Unreviewed Mông texts held for an operator")
struct HeldForOperatorTests {
    static let createdAt = Date(timeIntervalSince1970: 1_795_000_100)

    func event(_ id: String) throws -> DossierEvent {
        DossierEvent(
            eventId: id, source: "test", dossierCode: "H-\(id)", procedure: "cccd_issue", status: .resultReady,
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000), applicantName: "Giàng A Vảng",
            applicantPhone: try PhoneNumber(parsing: "0912345678"), locale: .hmong, commune: "na-u", dueDate: nil, note: nil)
    }

    /// A store with one message planned from the copy of the templates in `templates`.
    func ingest(_ ids: [String], templates: URL, folder: TemporaryFolder) async throws -> (SQLiteStore, [StoredMessage]) {
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let planner = EventPlanner(
            rules: .defaults, catalog: try TemplateCatalog.load(from: templates), reference: UnreviewedTextPolicyTests.reference,
            now: { Self.createdAt })
        let outcomes = try await store.ingest(try ids.map(event)) { event, snapshot throws(IngestRejection) in try planner.plan(event, after: snapshot) }
        var messages: [StoredMessage] = []
        for outcome in outcomes {
            guard case .accepted(let messageIds) = outcome, let id = messageIds.first else {
                Issue.record("not accepted: \(outcome)")
                throw CancellationError()
            }
            messages.append(try #require(try await store.message(id: id)))
        }
        return (store, messages)
    }

    func releaser(_ store: SQLiteStore, templates: URL, work: WorkSignal = WorkSignal()) -> HeldMessageReleaser {
        HeldMessageReleaser(
            holds: store, approvedTexts: { try TemplateCatalog.approvedTexts(in: templates) }, quietHours: .none, work: work,
            logger: Logger(label: "test"), now: { Self.createdAt.addingTimeInterval(60) })
    }

    @Test("the Mông message waits for an operator, the Vietnamese text kept beside it; nothing claims it")
    func heldAtIngest() async throws {
        let folder = try TemporaryFolder()
        let templates = try UnreviewedTextPolicyTests.templates(policy: "hold\n    holdAs: operator", in: folder)
        let (store, messages) = try await ingest(["a"], templates: templates, folder: folder)
        let message = try #require(messages.first)
        #expect(message.locale == .hmong && message.unreviewedLocale == .hmong)
        #expect(message.text.hasPrefix("Nyob zoo Giang A Vang."), "the Mông text: \(message.text)")
        #expect(message.waitingFor(at: Self.createdAt) == .textReview)
        #expect(message.notBefore == message.expiresAt, "never due before it expires")

        let hold = try #require(try await store.textReviewHold(messageId: message.id))
        #expect(hold.alternative.locale == .vietnamese)
        #expect(hold.alternative.text.contains("Cấp thẻ căn cước") && hold.alternative.text.contains("Mang theo giấy hẹn"),
                "the Vietnamese text with Vietnamese values: \(hold.alternative.text)")
        #expect(hold.alternative.encoding == .ucs2)
        let text = try String(contentsOf: templates.appendingPathComponent("hmn/result_ready.mustache"), encoding: .utf8)
        let sha256 = TemplateReview(kind: .resultReady, locale: .hmong, reviewedBy: "-", reviewedAt: Self.createdAt, notes: nil, text: text).sha256
        #expect(hold.textSHA256 == sha256, "bound to the exact template text")
        #expect(hold.dueAt == Self.createdAt, "quiet hours off: it was due at once")
        #expect(try await store.claimDue(now: message.expiresAt.addingTimeInterval(-1), limit: 10, leaseOwner: "w", leaseSeconds: 30).isEmpty)
    }

    @Test("a review of the held text sends it by itself, unmarked; a review of a newer text does not")
    func reviewReleases() async throws {
        let folder = try TemporaryFolder()
        let templates = try UnreviewedTextPolicyTests.templates(policy: "hold\n    holdAs: operator", in: folder)
        let (store, messages) = try await ingest(["a", "b"], templates: templates, folder: folder)
        let releaser = releaser(store, templates: templates)
        #expect(try await releaser.sweep().isEmpty, "nothing is reviewed yet")

        // The text changes, and the new text is reviewed: the held messages carry the old one.
        let file = templates.appendingPathComponent("hmn/result_ready.mustache")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "Ua tsaug.", with: "Ua tsaug ntau.").write(to: file, atomically: true, encoding: .utf8)
        let edited = try TemplateCatalog.load(from: templates)
        try TemplateReviewLedger.append(try #require(edited.newReview(of: .resultReady, in: .hmong, by: "Vàng A Dế", notes: nil, at: Self.createdAt)), to: templates)
        #expect(try await releaser.sweep().isEmpty, "a review of another text releases nothing")
        #expect(try await store.message(id: messages[0].id)?.waitingFor(at: Self.createdAt) == .textReview)

        // The text they carry is reviewed: both go, as written, no longer marked.
        try original.write(to: file, atomically: true, encoding: .utf8)
        let restored = try TemplateCatalog.load(from: templates)
        try TemplateReviewLedger.append(try #require(restored.newReview(of: .resultReady, in: .hmong, by: "Vàng A Dế", notes: nil, at: Self.createdAt)), to: templates)
        let released = try await releaser.sweep()
        #expect(Set(released) == Set(messages.map(\.id)))
        for original in messages {
            let message = try #require(try await store.message(id: original.id))
            #expect(message.text == original.text && message.locale == .hmong)
            #expect(message.unreviewedLocale == nil)
            #expect(message.waitingFor(at: Self.createdAt.addingTimeInterval(60)) == nil)
        }
        let claimed = try await store.claimDue(now: Self.createdAt.addingTimeInterval(60), limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(Set(claimed.map(\.message.id)) == Set(messages.map(\.id)))
        #expect(try await releaser.sweep().isEmpty, "released once")
    }

    @Test("an operator sends it in Vietnamese or cancels it; a held message nobody releases expires")
    func operatorActions() async throws {
        let folder = try TemporaryFolder()
        let templates = try UnreviewedTextPolicyTests.templates(policy: "hold\n    holdAs: operator", in: folder)
        let (store, messages) = try await ingest(["a", "b", "c"], templates: templates, folder: folder)
        let now = Self.createdAt.addingTimeInterval(60)
        let hold = try #require(try await store.textReviewHold(messageId: messages[0].id))
        #expect(try await store.releaseHeld(ids: [messages[0].id], sending: .vietnamese, at: now, quietHours: .none) == [messages[0].id: .released])
        let replaced = try #require(try await store.message(id: messages[0].id))
        #expect(replaced.text == hold.alternative.text && replaced.locale == .vietnamese && replaced.unreviewedLocale == .hmong)

        #expect(try await store.cancel(ids: [messages[1].id], reason: "test", at: now) == [messages[1].id: .cancelled])
        #expect(try await releaser(store, templates: templates).sweep().isEmpty)
        #expect(try await store.textReviewHold(messageId: messages[1].id) == nil)

        let expiry = messages[2].expiresAt
        #expect(try await store.expireDue(now: expiry) == 2, "the held one, and the released one nobody sent")
        #expect(try await store.message(id: messages[2].id)?.state == .expired)
        #expect(try await releaser(store, templates: templates).sweep().isEmpty)
        #expect(try await store.textReviewHold(messageId: messages[2].id) == nil)
    }
}
