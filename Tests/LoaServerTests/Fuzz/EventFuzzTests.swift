import Foundation
import LoaConfig
import LoaCore
@testable import LoaServer
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Testing

/// Property-based fuzzing of ingest's parsing: `JSONReader`, then `DossierEventParser`, then the
/// `EventPlanner` for what they accept. Whatever the bytes, nothing traps; every refusal of an
/// event names a field the API documents; every accepted event holds sane values; every planned
/// message keeps its segment budget. Inputs in `Corpus/events/` once found a bug and are
/// replayed on every run.
@Suite("Fuzz: JSON reader, event parser and planner")
struct EventFuzzTests {
    /// The fields a rejection may name.
    static let fields: Set<String> = [
        "eventId", "source", "dossierCode", "procedure", "status", "occurredAt", "applicant", "applicant.name",
        "applicant.phone", "applicant.locale", "commune", "dueDate", "note", "missingCode", "reasonCode",
    ]

    let reference: ReferenceData
    let catalog: TemplateCatalog
    let now = Date()

    init() throws {
        let root = TestGateway.repositoryRoot
        reference = try ReferenceData.load(
            proceduresFile: root.appendingPathComponent("config/procedures.yaml").path,
            communesFile: root.appendingPathComponent("config/communes.yaml").path)
        catalog = try TemplateCatalog.load(from: root.appendingPathComponent("templates"))
    }

    /// How far an input got.
    enum Outcome: String, CaseIterable {
        case notJSON, rejected, refusedByPlanner, planned
    }

    @Test("mutated events never trap; refusals name a field; accepted events are sane and keep their budgets")
    func mutatedEvents() throws {
        let run = FuzzRun("events", defaultSeed: 20_261_130, defaultIterations: 6000)
        var generator = run.generator()
        let inputs = EventInputs(procedures: reference.procedures.keys.sorted(), communes: reference.communes.keys.sorted())
        var outcomes: [Outcome: Int] = [:]
        var failures = 0
        for iteration in 0..<run.iterations {
            let input = inputs.next(using: &generator)
            let (outcome, problems) = check(input, variant: iteration)
            outcomes[outcome, default: 0] += 1
            if !problems.isEmpty, failures < 10 {
                failures += 1
                Issue.record("seed \(run.seed), iteration \(iteration): \(problems.joined(separator: "; "))\ninput: \"\(FuzzRun.escaped(input))\"")
            }
        }
        print("fuzz events: \(Outcome.allCases.map { "\($0.rawValue) \(outcomes[$0] ?? 0)" }.joined(separator: ", "))")
        // The mutations are worth something only if inputs reach every stage.
        for outcome in Outcome.allCases {
            let least = outcome == .refusedByPlanner ? run.iterations / 500 : run.iterations / 20
            #expect(outcomes[outcome, default: 0] > least, "too few inputs ended \(outcome): \(outcomes)")
        }
    }

    @Test("inputs that once found a bug: no trap, accepted sane or refused naming a field")
    func corpus() throws {
        let folder = FuzzRun.corpus.appendingPathComponent("events")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        #expect(!files.isEmpty, "no corpus in \(folder.path)")
        for file in files {
            let input = Array(try Data(contentsOf: file))
            for variant in 0..<4 {
                let (_, problems) = check(input, variant: variant)
                #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems)")
            }
        }
    }

    @Test("any text written with raw UTF-8 or \\u escapes (surrogate pairs included) reads back unchanged")
    func stringsRoundTrip() throws {
        let run = FuzzRun("json-strings", defaultSeed: 84, defaultIterations: 1500)
        var generator = run.generator()
        let inputs = EventInputs(procedures: [], communes: [])
        for iteration in 0..<run.iterations {
            let text = inputs.randomText(using: &generator)
            var bytes: [UInt8] = [UInt8(ascii: "\"")]
            for scalar in text.unicodeScalars {
                let plain = scalar.value >= 0x20 && scalar != "\"" && scalar != "\\"
                if plain && Bool.random(using: &generator) {
                    bytes += Array(String(scalar).utf8)
                } else {
                    for unit in String(scalar).utf16 { bytes += Array(String(format: "\\u%04X", unit).utf8) }
                }
            }
            bytes.append(UInt8(ascii: "\""))
            let read = try? JSONReader.parse(Data(bytes))
            guard read == .string(text) else {
                Issue.record("seed \(run.seed), iteration \(iteration): \"\(FuzzRun.escaped(text))\" read back as \(String(describing: read))")
                return
            }
        }
    }

    /// Reads, parses and plans `input`; the problems found, none when every property holds.
    /// `variant` varies whether foreign numbers are allowed and the route's encodings.
    func check(_ input: [UInt8], variant: Int) -> (Outcome, [String]) {
        let document: JSONValue
        do {
            document = try JSONReader.parse(Data(input))
        } catch {
            return (.notJSON, (0...input.count).contains(error.offset) ? [] : ["syntax error at offset \(error.offset) of \(input.count) bytes"])
        }
        let allowForeign = variant % 2 == 0
        let event: DossierEvent
        do {
            event = try DossierEventParser(reference: reference, allowForeignNumbers: allowForeign).parse(document)
        } catch {
            guard case .object = document else { return (.rejected, []) }
            guard let field = error.field, Self.fields.contains(field) else {
                return (.rejected, ["the rejection names \(error.field ?? "no field"), not a field of the event: \(error.message)"])
            }
            return (.rejected, error.message.isEmpty ? ["the rejection of \(field) says nothing"] : [])
        }
        var problems = acceptedProblems(event, allowForeign: allowForeign)
        let routeEncodings: [MessageLocale: EncodingPolicy] = variant % 4 < 2 ? [:] : [.vietnamese: .unicode, .hmong: .auto]
        let planner = EventPlanner(
            rules: .defaults, catalog: catalog, reference: reference, routeEncodings: { _ in routeEncodings },
            quietHours: .standard, now: { [now] in now })
        do {
            let plan = try planner.plan(event, after: nil)
            for message in plan.messages {
                let budget = catalog.segmentBudget(of: message.kind, in: message.locale).limits.values.max() ?? .max
                if message.segments > budget { problems.append("\(message.kind) costs \(message.segments) parts, budget \(budget)") }
                if message.text.isEmpty { problems.append("\(message.kind) has no text") }
                if message.recipient != event.applicantPhone.e164 { problems.append("\(message.kind) goes to another number") }
                if !(message.expiresAt > message.createdAt) { problems.append("\(message.kind) expires when created") }
            }
            return (.planned, problems)
        } catch {
            if error.field.map(Self.fields.contains) != true {
                problems.append("the planner's rejection names \(error.field ?? "no field"): \(error.message)")
            }
            return (.refusedByPlanner, problems)
        }
    }

    /// What is wrong with an event the parser accepted.
    func acceptedProblems(_ event: DossierEvent, allowForeign: Bool) -> [String] {
        var problems: [String] = []
        let texts: [(String, String?, Int)] = [
            ("eventId", event.eventId, 200), ("source", event.source, 100), ("dossierCode", event.dossierCode, 64),
            ("procedure", event.procedure, 100), ("applicant.name", event.applicantName, 120),
            ("commune", event.commune, 100), ("note", event.note, 500),
        ]
        for (field, text, limit) in texts {
            guard let text else { continue }
            if text.isEmpty || text != text.trimmingWhitespace() { problems.append("\(field) is empty or untrimmed") }
            if let violation = TextLimit(maxCharacters: limit).violation(in: text) { problems.append("\(field): \(violation)") }
        }
        if reference.procedures[event.procedure] == nil { problems.append("unknown procedure accepted") }
        if reference.communes[event.commune] == nil { problems.append("unknown commune accepted") }
        if (try? PhoneNumber(e164: event.applicantPhone.e164)) != event.applicantPhone { problems.append("the phone does not round-trip") }
        if !allowForeign && !event.applicantPhone.isVietnamese { problems.append("a foreign number accepted") }
        if !MessageLocale.supported.contains(event.locale) { problems.append("unsupported locale \(event.locale)") }
        if event.occurredAt > now.addingTimeInterval(DossierEventParser.allowedClockSkewSeconds + 60) { problems.append("occurredAt in the future") }
        let milliseconds = event.occurredAt.epochMilliseconds
        if abs(Date(epochMilliseconds: milliseconds).timeIntervalSince(event.occurredAt)) > 0.001 { problems.append("occurredAt does not fit the store") }
        if let day = event.dueDate, CalendarDay(iso8601: day.iso8601) != day { problems.append("dueDate does not round-trip") }
        return problems
    }
}
