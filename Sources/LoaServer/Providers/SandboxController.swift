import Hummingbird
import LoaCore
import LoaProviders
import LoaWorker

/// `GET /v1/sandbox/messages`: a JSON list of what the sandbox provider "sent", oldest first
/// (operators only).
struct SandboxController: Sendable {
    let providers: ProviderRegistry

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/sandbox/messages") { _, context in
            _ = try context.require(.operator)
            guard let sandbox = providers.sandbox else {
                throw APIError.notFound("no sandbox provider is configured")
            }
            return try APIJSON.response(sandbox.sentMessages())
        }
    }
}
