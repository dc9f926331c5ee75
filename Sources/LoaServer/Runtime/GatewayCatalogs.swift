import Foundation
public import LoaConfig
import LoaCore
import LoaSettings
public import LoaTemplates
import LoaWorker

/// The template catalog and the reference data a gateway's configuration names, loaded and
/// checked against each other and the rules: what `loa serve` and the commands that render
/// messages (`loa appointments import`) start from.
public enum GatewayCatalogs {
    /// Loads both; throws a ``ConfigurationError`` naming the file or key when anything is wrong
    /// (a template problem, a kind the rules or appointments need and the catalog lacks).
    public static func load(_ configuration: GatewayConfiguration) throws -> (catalog: TemplateCatalog, reference: ReferenceData) {
        let catalog: TemplateCatalog
        do {
            catalog = try TemplateCatalog.load(from: URL(fileURLWithPath: configuration.catalogs.templatesDirectory))
        } catch {
            throw ConfigurationError(key: configuration.catalogs.templatesDirectory, message: "the template catalog cannot be loaded: \(error)")
        }
        let problems = catalog.check()
        if let first = problems.first {
            throw ConfigurationError(key: configuration.catalogs.templatesDirectory, message: "\(problems.count) template problem(s), first: \(first); run 'loa templates check' for all")
        }
        let reference = try ReferenceData.load(
            proceduresFile: configuration.catalogs.proceduresFile, communesFile: configuration.catalogs.communesFile)
        for kind in AppointmentPlanner.kinds where catalog.definition(of: kind) == nil {
            throw ConfigurationError(key: configuration.catalogs.templatesDirectory, message: "the template catalog has no kind '\(kind)', which appointments send; add it to catalog.yaml with a text per locale")
        }
        for kind in ResidentAnswer.kinds where catalog.definition(of: kind) == nil {
            throw ConfigurationError(key: configuration.catalogs.templatesDirectory, message: "the template catalog has no kind '\(kind)', which replies to residents' SMS use; add it to catalog.yaml with a text per locale")
        }
        for (status, kinds) in configuration.rules.kindsByStatus {
            for kind in kinds where catalog.definition(of: kind) == nil {
                throw ConfigurationError(key: "rules.\(status.name)", message: "kind '\(kind)' is not in the template catalog; known kinds: \(catalog.kinds.map(\.rawValue).sorted().joined(separator: ", "))")
            }
        }
        return (catalog, reference)
    }
}
