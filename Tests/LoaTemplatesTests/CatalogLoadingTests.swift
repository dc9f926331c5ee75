import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Loading a catalog that cannot be used")
struct CatalogLoadingTests {
    func loadError(_ changes: [String: String?]) throws -> TemplateCatalogError {
        let directory = try TemplateDirectories.temporary(SmallCatalog.files(changes))
        do {
            _ = try TemplateCatalog.load(from: directory)
        } catch {
            return error
        }
        Issue.record("the catalog loaded")
        return .unreadable(file: "", reason: "")
    }

    @Test("a missing catalog names the file")
    func missingCatalog() throws {
        let error = try loadError(["catalog.yaml": nil])
        guard case .unreadable(let file, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "catalog.yaml")
    }

    @Test("a misspelt required key suggests the right one")
    func misspeltPriority() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "priority: normal", with: "prority: normal")
        let error = try loadError(["catalog.yaml": catalog])
        #expect(error == .missingKey(file: "catalog.yaml", line: 10, key: "kinds.result_ready.priority", fix: "found 'prority': did you mean 'priority'?"))
        #expect(error.description == "catalog.yaml:10: kinds.result_ready.priority is missing; found 'prority': did you mean 'priority'?")
    }

    @Test("an invalid value names the key, the line and the choices")
    func invalidPriority() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "priority: normal", with: "priority: hihg")
        let error = try loadError(["catalog.yaml": catalog])
        #expect(error.description == "catalog.yaml:10: kinds.result_ready.priority: 'hihg' is not valid; use one of urgent, normal, bulk")
        let nearMiss = SmallCatalog.catalog.replacingOccurrences(of: "priority: normal", with: "priority: nromal")
        #expect(try loadError(["catalog.yaml": nearMiss]).description
            == "catalog.yaml:10: kinds.result_ready.priority: 'nromal' is not valid; did you mean 'normal'? use one of urgent, normal, bulk")
    }

    @Test("validity needs a number and a unit")
    func invalidValidity() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "validity: 7d", with: "validity: 7 days")
        let error = try loadError(["catalog.yaml": catalog])
        #expect(error == .invalidValue(
            file: "catalog.yaml", line: 11, key: "kinds.result_ready.validity", found: "7 days", fix: "write a number followed by d, h or m, at most 366d, e.g. 7d"
        ))
    }

    @Test("a validity that overflows, or outlives a year, is refused instead of trapping", arguments: [
        "99999999999999999d", "9223372036854775807m", "367d", "8785h", "-1d", "0d",
    ])
    func validityBounds(written: String) throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "validity: 7d", with: "validity: \(written)")
        let error = try loadError(["catalog.yaml": catalog])
        guard case .invalidValue(_, _, let key, let found, let fix) = error else {
            Issue.record("expected invalidValue, got \(error)")
            return
        }
        #expect(key == "kinds.result_ready.validity")
        #expect(found == written)
        #expect(fix.contains("at most 366d"))
    }

    @Test("the longest validity allowed loads")
    func longestValidity() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(of: "validity: 7d", with: "validity: 366d")
        let loaded = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog])))
        #expect(loaded.definition(of: .resultReady)?.validity == .seconds(366 * 86_400))
    }

    @Test("a sample that is not of its variable's type")
    func badSample() throws {
        let catalog = SmallCatalog.catalog
            .replacingOccurrences(of: "  bring: {type: text}", with: "  bring: {type: date}")
            .replacingOccurrences(of: "bring: {vi: \"giấy hẹn\", hmn: \"daim ntawv teem caij\"}", with: "bring: \"31/12/2026\"")
        let error = try loadError(["catalog.yaml": catalog])
        guard case .invalidValue(_, _, let key, let found, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(key == "samples.bring")
        #expect(found == "31/12/2026")
    }

    @Test("YAML syntax errors carry the line")
    func malformedYAML() throws {
        let error = try loadError(["catalog.yaml": "locales:\n  vi: {encoding: unicode\nvariables: {}\n"])
        guard case .malformedYAML(let file, let line, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "catalog.yaml")
        #expect(line != nil)
    }

    @Test("a template that is not valid Mustache names the file and position")
    func mustacheSyntax() throws {
        let error = try loadError(["hmn/result_ready.mustache": "Nyob zoo {{name}}.\n{{#bring}}Thov nqa {{bring}} tuaj."])
        guard case .templateSyntax(let file, let line, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "hmn/result_ready.mustache")
        #expect(line == 2)
    }
}
