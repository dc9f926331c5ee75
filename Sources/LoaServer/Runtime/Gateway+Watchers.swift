import Foundation
import LoaConfig
import LoaCore
import LoaSettings
import LoaStore
import LoaTemplates
import LoaWorker
import Logging

extension Gateway {
    /// The planner of dossier events, shared by `POST /v1/dossier-events` and the watchers.
    static func eventPlanner(_ configuration: GatewayConfiguration, catalog: TemplateCatalog, reference: ReferenceData) -> EventPlanner {
        EventPlanner(
            rules: configuration.rules, catalog: catalog, reference: reference,
            routeEncodings: { [configuration] in configuration.encodingPolicies(for: $0) },
            quietHours: configuration.quietHours, now: { Date() })
    }

    /// The rules one dossier event must meet, shared by `POST /v1/dossier-events` and the watchers.
    static func eventParser(_ configuration: GatewayConfiguration, reference: ReferenceData) -> DossierEventParser {
        DossierEventParser(reference: reference, allowForeignNumbers: configuration.allowForeignNumbers)
    }

    /// One watcher per `watchers.<name>`, committing their events through one group committer
    /// (waking `work` when they create messages); a source URL that cannot be used is a
    /// ``ConfigurationError`` naming `watchers.<name>.url`.
    static func watchers(
        _ configuration: GatewayConfiguration, catalog: TemplateCatalog, reference: ReferenceData, store: any Store,
        work: WorkSignal, logger: Logger
    ) throws -> [DossierWatcher] {
        guard !configuration.watchers.isEmpty else { return [] }
        let events = GroupCommitter.ingest(
            into: store, planner: eventPlanner(configuration, catalog: catalog, reference: reference), work: work)
        let parser = eventParser(configuration, reference: reference)
        return try configuration.watchers.map { watcher in
            do {
                return try DossierWatcher(configuration: watcher, parser: parser, events: events, cursors: store, logger: logger)
            } catch let error as StoreLocation.Invalid {
                throw ConfigurationError(key: "watchers.\(watcher.name).url", message: error.description)
            }
        }
    }
}
