import Hummingbird
import LoaCore
import LoaStore

/// `GET /v1/status` (operators): messages by state and how many attempts ended in doubt.
struct StatusController: Sendable {
    let messages: any MessageReading

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/status") { _, context in
            _ = try context.require(.operator)
            let counts = try await messages.countsByState()
            return try APIJSON.response(StatusResponse(
                messagesByState: Dictionary(uniqueKeysWithValues: MessageState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
                inDoubtAttempts: try await messages.inDoubtAttemptCount()))
        }
    }

    struct StatusResponse: Encodable {
        /// Every state, zero included.
        let messagesByState: [String: Int]
        /// Attempts a dead worker left unanswered; each was resent, so the resident may have got it twice.
        let inDoubtAttempts: Int
    }
}
