import Foundation
import LoaConfig
import LoaCore
import LoaTemplates
import LoaTestSupport
import Testing

/// Every procedure and commune in the shipped catalogs, rendered with a long resident name and a
/// full dossier code, keeps each notice within the catalog's segment budget.
@Suite("Budgets over the whole procedure catalog")
struct ProcedureBudgetTests {
    @Test("every procedure × commune × locale × policy fits its budget for every kind the rules send")
    func budgets() throws {
        let catalog = try ShippedCatalogs.templates()
        let reference = try ShippedCatalogs.reference()
        var checked = 0
        for kind in [NotificationKind.dossierReceived, .supplementRequired, .paymentRequired, .refused, .resultReady] {
            let definition = try #require(catalog.definition(of: kind))
            for (procedureKey, procedure) in reference.procedures {
                for (communeKey, commune) in reference.communes {
                    for locale in MessageLocale.supported {
                        var variables = catalog.sampleVariables(for: kind, locale: locale)
                        variables["procedure"] = .text(procedure.name(for: locale))
                        // The commune's own details replace the samples, absent ones included.
                        variables["office"] = .text(commune.office)
                        variables["officeHours"] = commune.hours(for: locale).map(TemplateValue.text)
                        variables["officeAddress"] = commune.address.map(TemplateValue.text)
                        variables["officePhone"] = commune.phone.map(TemplateValue.text)
                        variables["bring"] = procedure.bring(for: locale).map(TemplateValue.text)
                        for (policy, budget) in definition.maxSegments[locale] ?? [:] {
                            let rendered = try catalog.render(kind: kind, locale: locale, variables: variables, policy: policy)
                            checked += 1
                            #expect(rendered.analysis.segments <= budget,
                                    "\(kind) \(locale) \(policy) for \(procedureKey) at \(communeKey): \(rendered.analysis.segments) parts > \(budget): \(rendered.analysis.text)")
                        }
                    }
                }
            }
        }
        #expect(checked > 1000)
    }
}
