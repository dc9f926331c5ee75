import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import Logging
import NIOCore
import LoaStore
import LoaWorker

/// `GET` and `POST /v1/providers/{name}/receipts`: delivery reports from providers that call
/// back (Kannel's `dlr-url`, HTTPS providers' form or JSON callbacks, at most
/// ``maxBodyBytes``). Authenticated by the provider's own signature, not an API key;
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
    /// The largest callback body read; a report is a few hundred bytes.
    static let maxBodyBytes = 64 * 1024

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/providers/:name/receipts") { request, context in
            try await receive(request, context: context)
        }
        router.post("/v1/providers/:name/receipts") { request, context in
            try await receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let parser = providers.receiptParser(named: name) else {
            throw APIError.notFound("no provider '\(name)' takes receipt callbacks")
        }
        let callback = try await ReceiptsController.callback(request)
        let receipt: DeliveryReceipt
        do {
            receipt = try parser.parseReceipt(callback, receivedAt: Date())
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

    /// The request as a provider's parser reads it: query, headers (names in lowercase), body.
    static func callback(_ request: Request) async throws -> ReceiptCallback {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            query[String(key)] = String(value)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "a receipt callback body is at most \(maxBodyBytes) bytes")
        }
        return ReceiptCallback(
            method: request.method.rawValue, query: query, rawQuery: request.uri.query ?? "", headers: headers, body: Array(buffer: body))
    }
}
