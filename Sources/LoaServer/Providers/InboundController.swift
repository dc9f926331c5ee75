import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import LoaWorker
import NIOCore

/// `GET` and `POST /v1/providers/{name}/inbound`: what residents send, handed over by a provider
/// that calls back (Kannel's `sms-service` `get-url`, an HTTP provider's inbound webhook).
/// Authenticated by the provider's own secret, not an API key; the provider's adapter reads the
/// call, the ``InboundSink`` stores the message, and only then is it answered `200`, so a
/// provider that gets no answer hands it over again and nothing is lost. A repeat (same
/// provider message id) is answered `200` too and not stored twice.
///
/// Answers: `404` for a provider that takes no inbound messages, `403 bad_inbound_key` for an
/// unauthenticated call, `422` naming the parameter for an unreadable one, `503` when the store
/// cannot write (send it again later).
struct InboundController: Sendable {
    let providers: ProviderRegistry
    let sink: any InboundSink

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/providers/:name/inbound") { request, context in
            try await receive(request, context: context)
        }
        router.post("/v1/providers/:name/inbound") { request, context in
            try await receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let parser = providers.inboundParser(named: name) else {
            throw APIError.notFound("no provider '\(name)' takes inbound messages (for Kannel, set providers.\(name).inboundSecret)")
        }
        let callback = try await ReceiptsController.callback(request)
        let message: InboundMessage
        do {
            message = try parser.parseInbound(callback, receivedAt: Date())
        } catch {
            switch error.reason {
            case .forged:
                throw APIError(.forbidden, code: "bad_inbound_key", message: error.message, field: error.parameter)
            case .malformed:
                throw APIError.invalid(error.parameter, error.message)
            }
        }
        try await StoreAvailability.guarding { try await sink.receive(message) }
        let acknowledgement = parser.inboundAcknowledgement
        return Response(
            status: .ok, headers: [.contentType: acknowledgement.contentType],
            body: .init(byteBuffer: ByteBuffer(string: acknowledgement.body)))
    }
}
