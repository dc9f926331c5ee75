import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Testing

/// What an unreviewed Mông text sends, by `locales.hmn.unreviewed`, through the real planner and
/// a real SQLite outbox.
@Suite("Unreviewed Mông texts at ingest")
struct UnreviewedTextPolicyTests {
    static let root = Repository.root
    static let reference = try! ReferenceData.load(
        proceduresFile: root.appendingPathComponent("config/procedures.yaml").path,
        communesFile: root.appendingPathComponent("config/communes.yaml").path)

    /// A copy of the shipped templates with `policy` for hmn.
    static func templates(policy: String, in folder: TemporaryFolder) throws -> URL {
        let copy = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: root.appendingPathComponent("templates"), to: copy)
        let catalogFile = copy.appendingPathComponent("catalog.yaml")
        let catalog = try String(contentsOf: catalogFile, encoding: .utf8)
        let changed = catalog.replacingOccurrences(of: "    unreviewed: warn ", with: "    unreviewed: \(policy) ")
        #expect(changed != catalog, "the shipped catalog sets locales.hmn.unreviewed")
        try changed.write(to: catalogFile, atomically: true, encoding: .utf8)
        return copy
    }

    func event(_ status: DossierStatus = .resultReady, missingCode: String? = nil) throws -> DossierEvent {
        DossierEvent(
            eventId: "u-\(status.name)", source: "test", dossierCode: "U-1", procedure: "cccd_issue", status: status,
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000), applicantName: "Giàng A Vảng",
            applicantPhone: try PhoneNumber(parsing: "0912345678"), locale: .hmong, commune: "na-u", dueDate: nil, note: nil,
            missingCode: missingCode)
    }

    func planner(_ templates: URL) throws -> EventPlanner {
        EventPlanner(rules: .defaults, catalog: try TemplateCatalog.load(from: templates), reference: Self.reference,
                     now: { Date(timeIntervalSince1970: 1_795_000_100) })
    }

    /// Ingests `event` into a new SQLite store and reads its one message back.
    func stored(_ event: DossierEvent, planner: EventPlanner, folder: TemporaryFolder) async throws -> StoredMessage {
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let outcomes = try await store.ingest([event]) { event, snapshot throws(IngestRejection) in try planner.plan(event, after: snapshot) }
        guard case .accepted(let ids)? = outcomes.first, let id = ids.first else {
            Issue.record("not accepted: \(outcomes)")
            throw CancellationError()
        }
        return try #require(try await store.message(id: id))
    }

    @Test("hold sends the Vietnamese text, with Vietnamese values, and marks the message")
    func hold() async throws {
        let folder = try TemporaryFolder()
        let message = try await stored(event(), planner: planner(Self.templates(policy: "hold", in: folder)), folder: folder)
        #expect(message.locale == .vietnamese)
        #expect(message.unreviewedLocale == .hmong)
        #expect(message.text.contains("Cấp thẻ căn cước"), "the procedure's Vietnamese name: \(message.text)")
        #expect(message.text.contains("Mang theo giấy hẹn"), "what to bring, in Vietnamese: \(message.text)")
        #expect(!message.text.contains("Nyob zoo"))
    }

    @Test("warn (the default) sends the Mông text and marks it; send does not mark it")
    func warnAndSend() async throws {
        let warnFolder = try TemporaryFolder()
        let warned = try await stored(event(), planner: planner(Self.root.appendingPathComponent("templates")), folder: warnFolder)
        #expect(warned.locale == .hmong)
        #expect(warned.unreviewedLocale == .hmong)
        #expect(warned.text.hasPrefix("Nyob zoo Giang A Vang."))
        #expect(warned.text.contains("Thov nqa daim ntawv teem caij tuaj."), "what to bring, in Mông: \(warned.text)")

        let sendFolder = try TemporaryFolder()
        let sent = try await stored(event(), planner: planner(Self.templates(policy: "send", in: sendFolder)), folder: sendFolder)
        #expect(sent.locale == .hmong)
        #expect(sent.unreviewedLocale == nil)
    }

    @Test("a reviewed text is sent unmarked under hold, until it changes")
    func reviewedUnderHold() async throws {
        let folder = try TemporaryFolder()
        let templates = try Self.templates(policy: "hold", in: folder)
        let catalog = try TemplateCatalog.load(from: templates)
        let review = try #require(catalog.newReview(of: .resultReady, in: .hmong, by: "Vàng A Dế", notes: nil, at: Date()))
        try TemplateReviewLedger.append(review, to: templates)
        let message = try await stored(event(), planner: planner(templates), folder: folder)
        #expect(message.locale == .hmong)
        #expect(message.unreviewedLocale == nil)

        let file = templates.appendingPathComponent("hmn/result_ready.mustache")
        try (try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Ua tsaug.", with: "Ua tsaug ntau.")).write(to: file, atomically: true, encoding: .utf8)
        let changed = try planner(templates).plan(event(), after: nil).messages.first
        #expect(changed?.locale == .vietnamese)
        #expect(changed?.unreviewedLocale == .hmong)
    }

    @Test("a missingCode is shown in the message's language; an unknown one is refused naming the field")
    func missingCode() throws {
        let shipped = try planner(Self.root.appendingPathComponent("templates"))
        let message = try #require(try shipped.plan(event(.supplementRequired, missingCode: "birth_certificate_copy"), after: nil).messages.first)
        #expect(message.text.contains("daim ntawv ntxiv: daim ntawv yug luam."), "\(message.text)")
        let event = try event(.supplementRequired, missingCode: "passport_photo")
        #expect(throws: IngestRejection(
            code: "unknown_value",
            message: "unknown missingCode 'passport_photo'; use a code of the missing list in templates/values.yaml: "
                + "birth_certificate_copy, identity_card, photo_3x4, residence_form_ct01, housing_proof, household_head_consent, "
                + "marriage_certificate, vehicle_sale_papers, fee_receipt",
            field: "missingCode")) {
            try shipped.plan(event, after: nil)
        }
    }

    @Test("a name with an emoji is refused for a Mông message, naming applicant.name")
    func emojiName() throws {
        var hostile = try event()
        hostile.applicantName = "Giàng A Vảng 😀"
        let shipped = try planner(Self.root.appendingPathComponent("templates"))
        do throws(IngestRejection) {
            _ = try shipped.plan(hostile, after: nil)
            Issue.record("planned")
        } catch {
            #expect(error.field == "applicant.name")
            #expect(error.message.contains("U+1F600"))
        }
    }
}
