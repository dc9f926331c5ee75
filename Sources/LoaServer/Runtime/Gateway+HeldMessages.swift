import Foundation
import LoaConfig
import LoaTemplates
import LoaWorker

extension Gateway {
    /// Sends the messages held for a text review once `reviews.yaml` in the templates directory
    /// records a review of their exact text (read afresh on every sweep).
    var heldMessageReleaser: HeldMessageReleaser {
        let directory = URL(fileURLWithPath: configuration.catalogs.templatesDirectory)
        return HeldMessageReleaser(
            holds: store, approvedTexts: { try TemplateCatalog.approvedTexts(in: directory) }, quietHours: configuration.quietHours,
            work: dispatcher.work, logger: logger)
    }
}
