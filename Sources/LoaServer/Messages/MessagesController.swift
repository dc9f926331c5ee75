import Hummingbird
import LoaCore
import LoaStore

/// `GET /v1/messages/{id}` and `GET /v1/messages?dossierCode=…`, for officers (their own
/// commune only) and operators.
struct MessagesController: Sendable {
    let messages: any MessageReading

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/messages/:id") { _, context in
            let key = try context.require(.officer, .operator)
            let id = try context.parameters.require("id")
            guard let message = try await messages.message(id: id),
                  key.role != .officer || message.commune == key.commune else {
                throw APIError.notFound("no message \(id) is visible to this key")
            }
            return try APIJSON.response(MessageList(messages: [MessageView(message)]))
        }
        router.get("/v1/messages") { request, context in
            let key = try context.require(.officer, .operator)
            if let unknown = request.uri.queryParameters.first(where: { $0.key != "dossierCode" })?.key {
                throw APIError.invalid(String(unknown), "this list takes only dossierCode: /v1/messages?dossierCode=000.00.00.H15-241130-0001", code: "unknown_parameter")
            }
            guard let code = request.uri.queryParameters["dossierCode"].map(String.init), !code.isEmpty else {
                throw APIError.invalid("dossierCode", "give the dossier to list: /v1/messages?dossierCode=000.00.00.H15-241130-0001", code: "missing_field")
            }
            let found = try await messages.messages(dossierCode: code, commune: key.role == .officer ? key.commune ?? "" : nil)
            return try APIJSON.response(MessageList(messages: found.map { MessageView($0) }))
        }
    }
}
