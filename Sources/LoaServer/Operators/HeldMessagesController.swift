import Foundation
import Hummingbird
import LoaCore
import LoaStore
import Logging

/// `POST /v1/messages/{id}/release` with `{"send": "unreviewed" | "vietnamese"}`: an operator
/// releases a message held for a text review (``WaitReason/textReview``), sending the unreviewed
/// text as written or the Vietnamese text kept beside it; answers the message as it now is.
/// Audited as `messageReleased`. Cancelling a held message is the usual cancel.
struct HeldMessagesController: Sendable {
    let store: any Store
    let audit: AuditRecorder
    let quietHours: QuietHours
    let maxBodyBytes: Int

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.post("/v1/messages/:id/release") { request, context in try await release(request, context) }
    }

    private func release(_ request: Request, _ context: LoaRequestContext) async throws -> Response {
        let key = try context.require(.operator)
        let id = try context.parameters.require("id")
        let body = try await RequestBody.collect(request, maxBytes: maxBodyBytes)
        guard let document = try? JSONDecoder().decode(ReleaseRequest.self, from: body) else {
            throw APIError(.badRequest, code: "invalid_json", message: "send {\"send\": \"unreviewed\"} or {\"send\": \"vietnamese\"}")
        }
        guard let choice = document.send.flatMap(HeldTextChoice.init(rawValue:)) else {
            throw APIError.invalid("send", "send is 'unreviewed' (the held text as written) or 'vietnamese' (the Vietnamese text kept beside it)")
        }
        let outcome = try await StoreAvailability.guarding {
            try await store.releaseHeld(ids: [id], sending: choice, at: Date(), quietHours: quietHours)[id] ?? .notFound
        }
        let auditOutcome: String
        switch outcome {
        case .released: auditOutcome = "released \(choice.rawValue)"
        case .notFound: auditOutcome = "notFound"
        case .notHeld(let state): auditOutcome = "notHeld \(state.rawValue)"
        }
        try await audit.record(.messageReleased, by: key, context: context, subjects: [(id, auditOutcome)])
        context.logger.info("operator action", metadata: [
            "operator.action": "release", "operator.key": "\(key.id)", "messages.count": "1", "release.outcome": "\(auditOutcome)",
        ])
        switch outcome {
        case .released:
            guard let message = try await store.message(id: id) else { throw APIError.notFound("no message \(id)") }
            return try APIJSON.response(MessageList(messages: [MessageView(message)]))
        case .notFound:
            throw APIError.notFound("no message \(id)")
        case .notHeld(let state):
            throw APIError(.conflict, code: "not_held", message: "message \(id) is not held for a text review (state \(state.rawValue)); only a pending message waiting for textReview can be released")
        }
    }

    struct ReleaseRequest: Decodable {
        let send: String?
    }
}
