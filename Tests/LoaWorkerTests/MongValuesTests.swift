import Foundation
import LoaConfig
import LoaCore
import LoaTemplates
import LoaTestSupport
import Testing

/// Every Mông message the shipped catalogs can make says its values in Mông: only proper and
/// administrative names (the resident, the office, the procedure, CCCD…) stay Vietnamese, folded.
@Suite("Mông values inside Mông messages")
struct MongValuesTests {
    static let root = Repository.root

    @Test("every kind × procedure × commune renders in hmn with Mông values only, GSM-7, within budget")
    func everyKind() throws {
        let catalog = try ShippedCatalogs.templates()
        let reference = try ShippedCatalogs.reference()
        let words = try DossierStateWords.load(file: Self.root.appendingPathComponent("config/dossier-states.yaml").path)
        let answers = DossierStatus.allCases.compactMap { words.answer(for: $0, locale: .hmong) }
        let lists: [ValueList: [String]] = Dictionary(uniqueKeysWithValues: [ValueList.missing, .refusalReasons, .cancellationReasons].map { ($0, catalog.codes(in: $0)) })
        #expect(lists.values.allSatisfy { !$0.isEmpty })
        #expect(catalog.kinds.count >= 18, "every kind, resident replies and appointments included")
        let vocabulary = try MongVocabulary(catalog: catalog, reference: reference, answers: answers, templates: Self.root.appendingPathComponent("templates/hmn"))
        var rendered = 0
        var round = 0
        var shown: [ValueList: Set<String>] = [:]
        for kind in catalog.kinds {
            let budget = try #require(catalog.definition(of: kind)?.maxSegments[.hmong]?[.fold], "\(kind) has a Mông budget")
            let declared = Set(catalog.definition(of: kind)?.variables ?? [])
            for (procedureKey, procedure) in reference.procedures.sorted(by: { $0.key < $1.key }) {
                for (communeKey, commune) in reference.communes.sorted(by: { $0.key < $1.key }) {
                    round += 1
                    var variables = catalog.sampleVariables(for: kind, locale: .hmong)
                    variables["procedure"] = .text(procedure.name(for: .hmong))
                    variables["bring"] = procedure.bring(for: .hmong).map(TemplateValue.text)
                    variables["office"] = .text(commune.office)
                    variables["officeAddress"] = commune.address.map(TemplateValue.text)
                    variables["officeHours"] = commune.hours(for: .hmong).map(TemplateValue.text)
                    variables["officePhone"] = commune.phone.map(TemplateValue.text)
                    // Each kind that shows a listed value goes through every code of its list, in turn.
                    let list: ValueList? = declared.contains("missing") ? .missing
                        : declared.contains("reason") ? (kind == .appointmentCancelled ? .cancellationReasons : .refusalReasons) : nil
                    if let list, let codes = lists[list] {
                        let code = codes[round % codes.count]
                        variables[list.variable] = catalog.listedValue(list, code: code, locale: .hmong).map(TemplateValue.text)
                        shown[list, default: []].insert(code)
                    }
                    let answer = answers[round % answers.count]
                    variables["state"] = .text(answer.state)
                    variables["nextStep"] = answer.next.map(TemplateValue.text)
                    variables = variables.filter { declared.contains($0.key) }
                    let message = try catalog.render(kind: kind, locale: .hmong, variables: variables)
                    rendered += 1
                    let at = "\(kind) for \(procedureKey) at \(communeKey): \(message.text)"
                    #expect(message.analysis.encoding == .gsm7, "\(at)")
                    #expect(message.analysis.segments <= budget, "\(message.analysis.segments) parts > \(budget): \(at)")
                    let properNames = ["name", "office", "officeAddress", "procedure", "dossierCode", "officePhone"].compactMap { name -> String? in
                        guard case .text(let text)? = variables[name] else { return nil }
                        return text
                    }
                    let foreign = RPAWords.notMong(in: message.text, properNames: properNames)
                    #expect(foreign.isEmpty, "not Mông: \(foreign) in \(at)")
                    let formatted = variables.values.filter { if case .text = $0 { false } else { true } }.map { ValueFormat.hmongRPA.format($0) }
                    let unknown = vocabulary.unknownWords(in: message.text, properNames: properNames + formatted)
                    #expect(unknown.isEmpty, "words neither in the Mông template nor in a Mông value of the catalog: \(unknown) in \(at)")
                }
            }
        }
        #expect(rendered == catalog.kinds.count * reference.procedures.count * reference.communes.count)
        for (list, codes) in lists {
            #expect(shown[list] == Set(codes), "every code of \(list) shown in a Mông message")
        }
    }

    @Test("every Mông value in the catalogs is Mông, not the Vietnamese folded, and shows as written")
    func valuesAreMong() throws {
        let catalog = try ShippedCatalogs.templates()
        let reference = try ShippedCatalogs.reference()
        let words = try DossierStateWords.load(file: Self.root.appendingPathComponent("config/dossier-states.yaml").path)
        var values: [(what: String, vi: String, hmn: String?)] = []
        for list in [ValueList.missing, .refusalReasons, .cancellationReasons] {
            for code in catalog.codes(in: list) {
                let vi = try #require(catalog.listedValue(list, code: code, locale: .vietnamese))
                values.append(("\(list) \(code)", vi, catalog.listedValue(list, code: code, locale: .hmong)))
                // Shown exactly as the list writes it.
                let kind: NotificationKind = list == .missing ? .supplementRequired : list == .refusalReasons ? .refused : .appointmentCancelled
                var variables = catalog.sampleVariables(for: kind, locale: .hmong)
                let hmn = try #require(catalog.listedValue(list, code: code, locale: .hmong), "\(list) \(code) has a Mông value")
                variables[list.variable] = .text(hmn)
                let text = try catalog.render(kind: kind, locale: .hmong, variables: variables).text
                #expect(text.contains(hmn), "\(kind) shows \(list) \(code) as \"\(hmn)\": \(text)")
            }
        }
        for (key, procedure) in reference.procedures {
            if let vi = procedure.bring(for: .vietnamese) { values.append(("what to bring for \(key)", vi, procedure.bring(for: .hmong))) }
        }
        for (key, commune) in reference.communes {
            if let vi = commune.hours(for: .vietnamese) { values.append(("office hours of \(key)", vi, commune.hours(for: .hmong))) }
        }
        for status in DossierStatus.allCases {
            guard let vi = words.answer(for: status, locale: .vietnamese) else { continue }
            let hmn = words.answer(for: status, locale: .hmong)
            values.append(("state \(status)", vi.state, hmn?.state))
            if let next = vi.next { values.append(("next step \(status)", next, hmn?.next)) }
        }
        #expect(values.count > 60, "the lists, procedures, communes and states all read")
        for (what, vi, hmn) in values {
            guard let hmn else {
                Issue.record("\(what) has no Mông value")
                continue
            }
            #expect(VietnameseFolding.fold(vi).lowercased() != hmn.lowercased(), "\(what): the Mông value is the Vietnamese folded: \(hmn)")
            #expect(RPAWords.notMong(in: hmn, properNames: []).isEmpty, "\(what): \(hmn) holds \(RPAWords.notMong(in: hmn, properNames: []))")
        }
    }

    @Test("the vocabulary check catches a word the catalog never gave")
    func vocabularyCanFail() throws {
        let catalog = try ShippedCatalogs.templates()
        let reference = try ShippedCatalogs.reference()
        let vocabulary = try MongVocabulary(catalog: catalog, reference: reference, answers: [], templates: Self.root.appendingPathComponent("templates/hmn"))
        #expect(vocabulary.unknownWords(in: "Nyob zoo Giàng A Vảng. Thov nqa daim npav CCCD tuaj.", properNames: ["Giàng A Vảng"]).isEmpty)
        // RPA-shaped, but not a word of any Mông text or value: the shape check alone lets it through.
        #expect(vocabulary.unknownWords(in: "Nyob zoo. Thov nqa txiv tuaj.", properNames: []) == ["txiv"])
        #expect(RPAWords.notMong(in: "Thov nqa txiv tuaj.", properNames: []).isEmpty)
    }

    @Test("the check catches folded Vietnamese")
    func checkCanFail() {
        #expect(RPAWords.notMong(in: "Thov nqa daim ntawv teem caij, the can cuoc tuaj.", properNames: []) == ["can", "cuoc"])
        #expect(RPAWords.notMong(in: "Thov nqa giay hen tuaj.", properNames: []) == ["giay", "hen"])
        #expect(RPAWords.notMong(in: "Nyob zoo Giàng A Vảng. Thov tuaj txais nyob Cong an xa Na U.", properNames: ["Giàng A Vảng", "Công an xã Na Ư"]).isEmpty)
    }
}

/// Whether words are written in White Hmong RPA: an onset, a vowel and an optional tone letter
/// (RPA writes no final consonant), so folded Vietnamese words such as `can`, `cuoc`, `giay` or
/// `dang` fail. A short word may pass by chance (`the`, `thu`), which is why the values come
/// from lists a reviewer reads.
enum RPAWords {
    static let onsets: Set<String> = [
        "", "c", "ch", "d", "dh", "dl", "dlh", "f", "h", "hl", "hm", "hml", "hn", "hny", "k", "kh", "l", "m", "ml", "n",
        "nc", "nch", "ndl", "ndlh", "nk", "nkh", "np", "nph", "npl", "nplh", "nq", "nqh", "nr", "nrh", "nt", "nth", "nts",
        "ntsh", "ntx", "ntxh", "ny", "p", "ph", "pl", "plh", "q", "qh", "r", "rh", "s", "t", "th", "ts", "tsh", "tx", "txh",
        "v", "x", "xy", "y", "z",
    ]
    static let vowels: Set<String> = ["a", "ai", "au", "aw", "e", "ee", "i", "ia", "o", "oo", "u", "ua", "w"]
    static let tones: Set<Character> = ["b", "j", "v", "s", "g", "m", "d"]
    /// Vietnamese administrative names and abbreviations Mông texts keep (mong.md), and the
    /// currency's name.
    static let keptNames = ["Cong an xa", "VNeID", "dong"]

    /// The words of `text` that are not RPA, once `properNames` (folded) and `keptNames` are
    /// taken out; words with digits and all-capital abbreviations (CCCD, HS) are skipped.
    static func notMong(in text: String, properNames: [String]) -> [String] {
        var rest = VietnameseFolding.fold(text)
        for name in properNames.map(VietnameseFolding.fold).sorted(by: { $0.count > $1.count }) + keptNames where !name.isEmpty {
            rest = rest.replacingOccurrences(of: name, with: " ")
        }
        let words = rest.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return words.filter { word in
            !word.contains(where: \.isNumber) && !(word.count > 1 && word.allSatisfy(\.isUppercase)) && !isSyllable(word.lowercased())
        }
    }

    static func isSyllable(_ word: String) -> Bool {
        var body = Substring(word)
        if let last = body.last, tones.contains(last), body.count > 1 { body = body.dropLast() }
        return (0...min(4, body.count)).contains { split in
            onsets.contains(String(body.prefix(split))) && vowels.contains(String(body.dropFirst(split)))
        }
    }
}

/// The words a Mông message may hold: those of the Mông templates themselves and of every Mông
/// value the catalogs give (listed values, what to bring, office hours, dossier states). A word
/// outside them came from somewhere no reviewer reads, typically a Vietnamese value folded.
struct MongVocabulary {
    private var words: Set<String> = []

    init(catalog: TemplateCatalog, reference: ReferenceData, answers: [DossierStateWords.Answer], templates: URL) throws {
        for kind in catalog.kinds {
            let source = try String(contentsOf: templates.appendingPathComponent("\(kind.rawValue).mustache"), encoding: .utf8)
            add(source.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: " ", options: .regularExpression))
        }
        for list in [ValueList.missing, .refusalReasons, .cancellationReasons] {
            for code in catalog.codes(in: list) { catalog.listedValue(list, code: code, locale: .hmong).map { add($0) } }
        }
        for procedure in reference.procedures.values { procedure.bring(for: .hmong).map { add($0) } }
        for commune in reference.communes.values { commune.hours(for: .hmong).map { add($0) } }
        for answer in answers { add(answer.state); answer.next.map { add($0) } }
        add(ClockHourWord.allCases.filter { $0 != .none }.map(\.rawValue).joined(separator: " "))
        add(RPAWords.keptNames.joined(separator: " "))
    }

    private mutating func add(_ text: String) { words.formUnion(Self.words(of: text)) }

    private static func words(of text: String) -> [String] {
        VietnameseFolding.fold(text).lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The words of `text` found in no Mông template or value, once `properNames` (and formatted
    /// dates and amounts) are taken out; words with digits and abbreviations (CCCD) are skipped.
    func unknownWords(in text: String, properNames: [String]) -> [String] {
        var rest = VietnameseFolding.fold(text)
        for name in properNames.map(VietnameseFolding.fold).sorted(by: { $0.count > $1.count }) where !name.isEmpty {
            rest = rest.replacingOccurrences(of: name, with: " ")
        }
        return rest.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { word in
            !word.contains(where: \.isNumber) && !(word.count > 1 && word.allSatisfy(\.isUppercase)) && !words.contains(word.lowercased())
        }
    }
}
