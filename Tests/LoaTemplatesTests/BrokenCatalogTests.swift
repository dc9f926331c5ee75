import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("check() on broken catalogs")
struct BrokenCatalogTests {
    func problems(_ changes: [String: String?]) throws -> [TemplateProblem] {
        try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(changes))).check()
    }

    func expectProblem(_ problems: [TemplateProblem], file: String, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            problems.contains { $0.file == file && $0.message.contains(text) },
            "no problem in \(file) mentioning \(text); got:\n\(problems.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation
        )
    }

    @Test("the small catalog itself is clean")
    func smallCatalogIsClean() throws {
        #expect(try problems([:]).isEmpty)
    }

    @Test("a typo key, a missing file, an undeclared variable, a curly quote and an unknown file")
    func severalProblems() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "providerTemplateIds: {}", with: "providerTemplateId: {}")
        let found = try problems([
            "catalog.yaml": catalog,
            "hmn/result_ready.mustache": nil,
            "vi/result_ready.mustache": "Mời {{nmae}} đến {{office}} nhận “kết quả”{{#note}} {{note}}{{/note}}.",
            "vi/result_redy.mustache": "{{name}}",
        ])
        expectProblem(found, file: "catalog.yaml", containing: "unknown key 'providerTemplateId'; did you mean 'providerTemplateIds'?")
        expectProblem(found, file: "hmn/result_ready.mustache", containing: "missing")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "'note' is not declared under variables")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "'nmae' is not declared under variables in catalog.yaml (did you mean 'name'?)")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "required variable 'name' is not used")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "U+201C LEFT DOUBLE QUOTATION MARK is sent as `\"`; type that instead")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "U+201D RIGHT DOUBLE QUOTATION MARK")
        expectProblem(found, file: "vi/result_redy.mustache", containing: "'result_redy' is not a kind in catalog.yaml (did you mean 'result_ready'?)")
        #expect(found.first { $0.message.contains("providerTemplateId") }?.line == 15)
    }

    @Test("variables a template uses must be listed by its kind, optional ones inside their section")
    func variableUse() throws {
        let found = try problems([
            "vi/result_ready.mustache": "Mời {{name}} nhận kết quả. Mang theo {{bring}}.",
        ])
        expectProblem(found, file: "vi/result_ready.mustache", containing: "optional 'bring' is outside a {{#bring}}...{{/bring}} section")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "required variable 'office' is not used")

        let unlisted = SmallCatalog.catalog.replacingOccurrences(of: "optional: [bring]", with: "optional: []")
        let moreFound = try problems(["catalog.yaml": unlisted])
        expectProblem(moreFound, file: "vi/result_ready.mustache", containing: "'bring' is not listed in kinds.result_ready.required or optional")
        expectProblem(moreFound, file: "catalog.yaml", containing: "variables.bring: no kind takes this variable")
    }

    @Test("unsupported Mustache features are reported")
    func unsupportedFeatures() throws {
        let found = try problems(["vi/result_ready.mustache": "{{name}} {{office}} {{> footer}}"])
        expectProblem(found, file: "vi/result_ready.mustache", containing: "partial {{>footer}} is not supported")
    }

    @Test("a sample over its budget is reported")
    func overBudget() throws {
        let long = String(repeating: "Nyob zoo {{name}}. ", count: 20) + "{{office}}"
        let found = try problems(["hmn/result_ready.mustache": long])
        expectProblem(found, file: "hmn/result_ready.mustache", containing: "over the budget of 2 in kinds.result_ready.maxSegments.hmn")
    }

    @Test("a Mông text that folding cannot make GSM-7 is reported")
    func notGSM7() throws {
        let found = try problems(["hmn/result_ready.mustache": "Nyob zoo {{name}} ✓ {{office}}"])
        expectProblem(found, file: "hmn/result_ready.mustache", containing: "the folded sample is not GSM-7 because of '✓'")
    }

    @Test("a locale's default policy needs a budget, and every variable a sample")
    func budgetsAndSamples() throws {
        let catalog = SmallCatalog.catalog
            .replacingOccurrences(of: "hmn: {fold: 2}", with: "hmn: {unicode: 2}")
            .replacingOccurrences(of: "  bring: {vi: \"giấy hẹn\", hmn: \"daim ntawv teem caij\"}", with: "  bring: {vi: \"giấy hẹn\"}")
        let found = try problems(["catalog.yaml": catalog])
        expectProblem(found, file: "catalog.yaml", containing: "no budget for hmn with its default encoding fold")
        expectProblem(found, file: "catalog.yaml", containing: "variables.bring: no sample value for hmn")
    }

    @Test("invisible and decomposed characters are reported")
    func invisibleCharacters() throws {
        let found = try problems(["vi/result_ready.mustache": "Mời\u{00A0}{{name}} đến {{office}}\u{200B}. Nhận ke\u{0302}t quả."])
        expectProblem(found, file: "vi/result_ready.mustache", containing: "column 4: U+00A0 NO-BREAK SPACE is sent as a plain space")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "U+200B ZERO WIDTH SPACE is invisible and removed before sending")
        expectProblem(found, file: "vi/result_ready.mustache", containing: "U+0302 COMBINING CIRCUMFLEX ACCENT is a combining mark")
    }

    @Test("a sign-off written in catalog.yaml is reported and does not count")
    func signOffInCatalog() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(
            of: "review: {hmn: {notes: \"tuaj txais is P\"}}", with: "review: {hmn: {reviewedBy: \"Vàng A Dế\", reviewedAt: 2026-01-15}}")
        let loaded = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog])))
        expectProblem(loaded.check(), file: "catalog.yaml", containing: "reviewedBy is no longer read here")
        #expect(loaded.unreviewed().map(\.locale) == [.hmong])
    }
}
