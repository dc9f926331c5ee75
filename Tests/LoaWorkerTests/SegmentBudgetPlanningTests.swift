import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
@testable import LoaWorker
import Testing

/// Every render keeps its kind's `maxSegments`, not only the samples `loa templates check` tries:
/// a message over its budget is folded, then its note is cut short, and only an event whose
/// message cannot fit even so is refused, naming the field to shorten.
@Suite("Segment budgets on every render")
struct SegmentBudgetPlanningTests {
    static let root = Repository.root
    let catalog: TemplateCatalog
    let reference: ReferenceData

    init() throws {
        catalog = try TemplateCatalog.load(from: Self.root.appendingPathComponent("templates"))
        reference = try ReferenceData.load(
            proceduresFile: Self.root.appendingPathComponent("config/procedures.yaml").path,
            communesFile: Self.root.appendingPathComponent("config/communes.yaml").path)
    }

    func planner(route: [MessageLocale: EncodingPolicy] = [:]) -> EventPlanner {
        EventPlanner(rules: .defaults, catalog: catalog, reference: reference, routeEncodings: { _ in route }, now: { Date(timeIntervalSince1970: 1_795_971_600) })
    }

    func event(name: String, note: String? = nil, status: DossierStatus = .resultReady, locale: MessageLocale = .vietnamese) throws -> DossierEvent {
        DossierEvent(
            eventId: "b", source: "test", dossierCode: "000.00.00.H15-241130-0001", procedure: "cccd_issue", status: status,
            occurredAt: Date(timeIntervalSince1970: 1_795_900_000), applicantName: name,
            applicantPhone: try PhoneNumber(parsing: "0912345678"), locale: locale, commune: "na-u", dueDate: nil, note: note)
    }

    /// The plain render, without any budget: what the message would cost as written.
    func plainSegments(_ event: DossierEvent, kind: NotificationKind, policy: EncodingPolicy?) throws -> Int {
        let planner = planner()
        let declared = Set(try #require(catalog.definition(of: kind)).variables)
        let variables = planner.variables(for: event, locale: event.locale).filter { declared.contains($0.key) }
        return try catalog.render(kind: kind, locale: event.locale, variables: variables, policy: policy).analysis.segments
    }

    static let longVietnameseName = "Nguyễn Thị Thanh Hương Giàng Thị Mỷ Lầu Thị Dợ Vàng Thị Sểnh Hoàng Thị Phương"

    @Test("a Vietnamese notice over its 3 UCS-2 parts is sent folded in 2 GSM-7 parts, the name without marks")
    func foldsWhenThatFits() throws {
        let event = try event(name: Self.longVietnameseName)
        #expect(try plainSegments(event, kind: .resultReady, policy: .unicode) > 3)
        let message = try #require(try planner(route: [.vietnamese: .unicode]).plan(event, after: nil).messages.first)
        #expect(message.encoding == .gsm7)
        #expect(message.segments <= 2)
        #expect(message.text.contains(VietnameseFolding.fold(Self.longVietnameseName)))
    }

    @Test("a notice within its budget is left as written")
    func leavesFittingTextsAlone() throws {
        let event = try event(name: "Giàng A Vảng", note: "bản sao giấy khai sinh", status: .supplementRequired)
        let message = try #require(try planner().plan(event, after: nil).messages.first)
        #expect(message.encoding == .ucs2)
        #expect(message.text.contains("Giàng A Vảng"))
        #expect(message.text.contains(": bản sao giấy khai sinh."))
    }

    @Test("a note too long even folded is cut short with an ellipsis; the rest of the message is whole")
    func cutsTheNote() throws {
        let note = String(repeating: "Bản sao giấy khai sinh có chứng thực. ", count: 13).trimmingWhitespace()
        let event = try event(name: "Giàng A Vảng", note: note, status: .supplementRequired)
        #expect(try plainSegments(event, kind: .supplementRequired, policy: .fold) > 2)
        let message = try #require(try planner().plan(event, after: nil).messages.first)
        let budget = catalog.segmentBudget(of: .supplementRequired, in: .vietnamese)
        let limit = try #require(budget.limit(for: .fold))
        #expect(message.segments <= limit)
        #expect(message.encoding == .gsm7)
        let folded = VietnameseFolding.fold(note)
        #expect(message.text.contains(String(folded.prefix(SegmentBudget.minimumKeptCharacters))))
        #expect(message.text.contains("...") && !message.text.contains(folded))
        #expect(message.text.contains("mang den Cong an xa Na U."))
    }

    @Test("a Mông notice whose name alone breaks the budget refuses the event, naming applicant.name")
    func refusesAnOverlongName() throws {
        // 120 characters, as many as the API takes.
        let name = String(repeating: "Vaj Tsuj Lis ", count: 9) + "Vaj"
        #expect(name.count == 120)
        let event = try event(name: name, locale: .hmong)
        #expect(try plainSegments(event, kind: .resultReady, policy: .fold) > 2)
        #expect(throws: IngestRejection.self) { try planner().plan(event, after: nil) }
        do {
            _ = try planner().plan(event, after: nil)
        } catch {
            #expect(error.field == "applicant.name")
            #expect(error.code == "too_long")
            #expect(error.message.contains("shorten applicant.name"))
        }
    }

    @Test("when the name leaves room for fewer than 20 characters of note, the note is named; without it the event goes")
    func namesTheNoteWhenItCannotBeCut() throws {
        let note = String(repeating: "ntawv pov thawj yug ", count: 10)
        var found: (name: String, rejection: IngestRejection)?
        for length in stride(from: 60, through: 220, by: 1) where found == nil {
            let name = String(String(repeating: "Vaj Tsuj Lis ", count: 20).prefix(length)).trimmingWhitespace()
            let event = try event(name: name, note: note, status: .supplementRequired, locale: .hmong)
            do {
                _ = try planner().plan(event, after: nil)
            } catch where error.field == "note" {
                found = (name, error)
            } catch {}
        }
        let (name, rejection) = try #require(found, "no name length leaves too little room for the note")
        #expect(rejection.code == "too_long")
        #expect(rejection.message.contains("fewer than \(SegmentBudget.minimumKeptCharacters) characters of the note"))
        let withoutNote = try planner().plan(try event(name: name, status: .supplementRequired, locale: .hmong), after: nil)
        #expect(withoutNote.messages.count == 1)
    }

    @Test("any name and note: the message keeps its budget, or the refusal names the field to shorten", arguments: [0, 1, 2, 3])
    func anyNameAndNote(variant: Int) throws {
        var generator = SeededGenerator(seed: SeededGenerator.seed(default: 4_242 + UInt64(variant)))
        let letters = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ") + ["Ư", "Đ", "Ợ", "😀", "ж"]
        let route: [MessageLocale: EncodingPolicy] = [[:], [.vietnamese: .unicode, .hmong: .unicode], [.vietnamese: .auto, .hmong: .auto], [.vietnamese: .fold]][variant]
        let statuses: [DossierStatus] = [.resultReady, .supplementRequired, .refusedAtIntake, .paymentRequired]
        for _ in 0..<60 {
            let name = String((0..<Int.random(in: 1...120, using: &generator)).map { _ in letters.randomElement(using: &generator)! }).trimmingWhitespace()
            let note = String((0..<Int.random(in: 0...500, using: &generator)).map { _ in letters.randomElement(using: &generator)! }).trimmingWhitespace()
            guard !name.isEmpty else { continue }
            let locale = Bool.random(using: &generator) ? MessageLocale.vietnamese : .hmong
            let event = try event(name: name, note: note.isEmpty ? nil : note, status: statuses.randomElement(using: &generator)!, locale: locale)
            let planner = planner(route: route)
            do {
                for message in try planner.plan(event, after: nil).messages {
                    let budget = catalog.segmentBudget(of: message.kind, in: locale).limits.values.max() ?? .max
                    #expect(message.segments <= budget, "\(message.kind) \(locale): \(message.segments) parts: \(message.text)")
                }
            } catch where error.code == "invalid_field" {
                // A Mông message sent folded cannot carry an emoji or a Cyrillic letter (issue 13).
                #expect(locale == .hmong, "\(error)")
                #expect(error.message.contains("U+"), "\(error)")
                #expect(error.field == "applicant.name" || error.field == "note", "\(error)")
            } catch {
                #expect(error.code == "too_long", "\(error)")
                #expect(error.field == "applicant.name" || error.field == "note", "\(error)")
            }
        }
    }
}
