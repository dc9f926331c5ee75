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
///
/// Answers: `403 bad_signature` for a forged report, `410 receipt_expired` for a signed one
/// past its expiry (a replay, or later than Loa waits), `422` for a malformed one. Every
/// authentic report the store takes is answered `200`, including a repeat (not stored again)
/// and one about an earlier attempt (kept for the record, not applied): a provider sends again
/// whatever is not answered 2xx, and sending these again changes nothing.
struct ReceiptsController: Sendable {
    let providers: ProviderRegistry
    let receipts: GroupCommitter<DeliveryReceipt, ReceiptOutcome>

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
            switch error.reason {
            case .forged:
                throw APIError(.forbidden, code: "bad_signature", message: error.message, field: error.parameter)
            case .expired:
                throw APIError(.gone, code: "receipt_expired", message: error.message, field: error.parameter)
            case .malformed:
                throw APIError.invalid(error.parameter, error.message)
            }
        }
        let outcome = try await StoreAvailability.guarding { try await receipts.commit([receipt])[0] }
        var metadata: Logger.Metadata = [
            "provider.name": "\(name)", "message.id": "\(outcome.messageId ?? "unknown")", "receipt.status": "\(receipt.status.rawValue)",
        ]
        if case .staleAttempt(_, let attempt, let current) = outcome {
            metadata["receipt.attempt"] = "\(attempt)"
            metadata["message.attempt"] = "\(current)"
            context.logger.info("report about an earlier attempt kept, not applied", metadata: metadata)
        } else {
            context.logger.debug("receipt recorded", metadata: metadata.merging(["receipt.outcome": "\(outcome)"]) { $1 })
        }
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "OK\n")))
    }
}
