import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import Logging
import LoaStore
import LoaWorker

/// `GET /v1/providers/{name}/receipts`: delivery reports from providers that call back
/// (Kannel's `dlr-url`). Authenticated by the provider's own signature, not an API key;
/// committed together with receipts arriving at the same time, and answered once stored.
struct ReceiptsController: Sendable {
    let providers: ProviderRegistry
    let receipts: GroupCommitter<DeliveryReceipt, String?>

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/providers/:name/receipts") { request, context in
            try await receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let parser = providers.receiptParser(named: name) else {
            throw APIError.notFound("no provider '\(name)' takes receipt callbacks")
        }
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            parameters[String(key)] = String(value)
        }
        let receipt: DeliveryReceipt
        do {
            receipt = try parser.parseReceipt(parameters: parameters, receivedAt: Date())
        } catch {
            if error.isAuthenticationFailure {
                throw APIError(.forbidden, code: "bad_signature", message: error.message, field: error.parameter)
            }
            throw APIError.invalid(error.parameter, error.message)
        }
        let applied = try await StoreAvailability.guarding { try await receipts.commit([receipt]).first ?? nil }
        context.logger.debug("receipt recorded", metadata: [
            "provider.name": "\(name)", "message.id": "\(applied ?? "unknown")", "receipt.status": "\(receipt.status.rawValue)",
        ])
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "OK\n")))
    }
}
