import Foundation
import Hummingbird
import LoaCore
import LoaStore
import Logging

/// Operators fix what is stuck: `POST /v1/messages/{id}/retry|cancel` for one message, and
/// `POST /v1/messages/retry|cancel` with `{"ids": [...]}` (at most 1000) for many.
struct MessageActionsController: Sendable {
    static let maxIds = 1000

    let actions: any OperatorActions
    let audit: AuditRecorder
    let quietHours: QuietHours
    let maxBodyBytes: Int

    enum Action: String {
        case retry, cancel
    }

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.post("/v1/messages/:id/retry") { _, context in try await one(.retry, context: context) }
        router.post("/v1/messages/:id/cancel") { _, context in try await one(.cancel, context: context) }
        router.post("/v1/messages/retry") { request, context in try await many(.retry, request: request, context: context) }
        router.post("/v1/messages/cancel") { request, context in try await many(.cancel, request: request, context: context) }
    }

    private func one(_ action: Action, context: LoaRequestContext) async throws -> Response {
        let key = try context.require(.operator)
        let id = try context.parameters.require("id")
        let result = try await perform(action, on: [id], by: key, context: context)[0]
        if result.outcome == "notFound" { throw APIError.notFound("no message \(id)") }
        if result.outcome == "personalDataRemoved" {
            throw APIError(.conflict, code: "personal_data_removed", message: "message \(id) cannot be sent again: its phone number and text were removed after retention.messages")
        }
        if result.outcome == "notAllowed" {
            throw APIError(.conflict, code: "not_allowed", message: "a message in state \(result.state ?? "?") cannot be \(action == .retry ? "retried (only failed, undelivered or expired ones)" : "cancelled (it is being or has been submitted)")")
        }
        return try APIJSON.response(ActionResponse(results: [result]))
    }

    private func many(_ action: Action, request: Request, context: LoaRequestContext) async throws -> Response {
        let key = try context.require(.operator)
        let body = try await RequestBody.collect(request, maxBytes: maxBodyBytes)
        guard let document = try? JSONDecoder().decode(IdList.self, from: body) else {
            throw APIError(.badRequest, code: "invalid_json", message: "send {\"ids\": [\"msg_…\", …]}")
        }
        guard !document.ids.isEmpty, document.ids.count <= Self.maxIds else {
            throw APIError.invalid("ids", "ids must list 1 to \(Self.maxIds) message ids")
        }
        if let index = document.ids.firstIndex(where: { !OpaqueID.isWellFormed($0, prefix: "msg") }) {
            throw APIError.invalid("ids[\(index)]", "'\(document.ids[index].prefix(40))' is not a message id; ids look like msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ")
        }
        return try APIJSON.response(ActionResponse(results: try await perform(action, on: document.ids, by: key, context: context)))
    }

    private func perform(_ action: Action, on ids: [String], by key: APIKey, context: LoaRequestContext) async throws -> [ActionResult] {
        let outcomes = try await StoreAvailability.guarding {
            switch action {
            case .retry: try await actions.retry(ids: ids, at: Date(), quietHours: quietHours)
            case .cancel: try await actions.cancel(ids: ids, reason: "cancelled by operator key \(key.id)", at: Date())
            }
        }
        context.logger.info("operator action", metadata: [
            "operator.action": "\(action.rawValue)", "operator.key": "\(key.id)", "messages.count": "\(ids.count)",
        ])
        let results = ids.map { ActionResult(id: $0, outcome: outcomes[$0] ?? .notFound) }
        try await audit.record(
            action == .retry ? .messageRetried : .messageCancelled, by: key, context: context,
            subjects: results.map { ($0.id, $0.auditOutcome) })
        return results
    }

    struct IdList: Decodable {
        let ids: [String]
    }

    struct ActionResponse: Encodable {
        let results: [ActionResult]
    }

    /// One message's result: `retried` (with `newMessageId`), `cancelled`, `notFound`, `notAllowed`
    /// (with `state`) or `personalDataRemoved`.
    struct ActionResult: Encodable {
        let id: String
        let outcome: String
        let newMessageId: String?
        let state: String?

        init(id: String, outcome: MessageActionOutcome) {
            self.id = id
            switch outcome {
            case .retried(let newId): (self.outcome, newMessageId, state) = ("retried", newId, nil)
            case .cancelled: (self.outcome, newMessageId, state) = ("cancelled", nil, "cancelled")
            case .notFound: (self.outcome, newMessageId, state) = ("notFound", nil, nil)
            case .notAllowed(let current): (self.outcome, newMessageId, state) = ("notAllowed", nil, current.rawValue)
            case .personalDataRemoved: (self.outcome, newMessageId, state) = ("personalDataRemoved", nil, nil)
            }
        }

        /// The outcome as the audit trail keeps it: `retried msg_…`, `notAllowed sent`, `cancelled`, ….
        var auditOutcome: String {
            switch outcome {
            case "retried": "retried \(newMessageId ?? "?")"
            case "notAllowed": "notAllowed \(state ?? "?")"
            default: outcome
            }
        }
    }
}
