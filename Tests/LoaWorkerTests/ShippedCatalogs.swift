import Foundation
import LoaConfig
import LoaTemplates
import LoaTestSupport

/// The catalogs the repository ships: templates, procedures and communes, as loaded by the gateway.
enum ShippedCatalogs {
    static func templates() throws -> TemplateCatalog {
        try TemplateCatalog.load(from: Repository.root.appendingPathComponent("templates"))
    }

    static func reference() throws -> ReferenceData {
        try ReferenceData.load(
            proceduresFile: Repository.root.appendingPathComponent("config/procedures.yaml").path,
            communesFile: Repository.root.appendingPathComponent("config/communes.yaml").path)
    }
}
