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
        let catalog = try TemplateCatalog.load(from: Self.root.appendingPathComponent("templates"))
        let reference = try ReferenceData.load(
            proceduresFile: Self.root.appendingPathComponent("config/procedures.yaml").path,
            communesFile: Self.root.appendingPathComponent("config/communes.yaml").path)
        let words = try DossierStateWords.load(file: Self.root.appendingPathComponent("config/dossier-states.yaml").path)
        let answers = DossierStatus.allCases.compactMap { words.answer(for: $0, locale: .hmong) }
        let missing = catalog.codes(in: .missing)
        let refusals = catalog.codes(in: .refusalReasons)
        let cancellations = catalog.codes(in: .cancellationReasons)
        #expect(!missing.isEmpty && !refusals.isEmpty && !cancellations.isEmpty)
        #expect(catalog.kinds.count >= 18, "every kind, resident replies and appointments included")
        var rendered = 0
        var round = 0
        for kind in catalog.kinds {
            let budget = try #require(catalog.definition(of: kind)?.maxSegments[.hmong]?[.fold], "\(kind) has a Mông budget")
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
                    let list: ValueList = kind == .appointmentCancelled ? .cancellationReasons : .refusalReasons
                    let reasons = list == .cancellationReasons ? cancellations : refusals
                    variables["missing"] = catalog.listedValue(.missing, code: missing[round % missing.count], locale: .hmong).map(TemplateValue.text)
                    variables["reason"] = catalog.listedValue(list, code: reasons[round % reasons.count], locale: .hmong).map(TemplateValue.text)
                    let answer = answers[round % answers.count]
                    variables["state"] = .text(answer.state)
                    variables["nextStep"] = answer.next.map(TemplateValue.text)
                    let declared = Set(catalog.definition(of: kind)?.variables ?? [])
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
                }
            }
        }
        #expect(rendered == catalog.kinds.count * reference.procedures.count * reference.communes.count)
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
