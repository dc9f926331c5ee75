import Foundation
import Hummingbird
import LoaCore
import LoaStore

/// `GET /v1/status` (operators): the queue at a glance (``StatusSummary``): messages by state,
/// queue depth, the oldest waiting message, what pending messages wait for, in-doubt attempts,
/// sent messages without a report and today's messages.
struct StatusController: Sendable {
    let status: any QueueStatus

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/status") { _, context in
            _ = try context.require(.operator)
            return try APIJSON.response(StatusSummaryView(try await status.statusSummary(now: Date())))
        }
    }
}
