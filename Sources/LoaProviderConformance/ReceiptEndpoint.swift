import Foundation
import Hummingbird
import NIOCore
public import LoaCore
import LoaPeers
public import LoaProviders
import Synchronization

/// Loa's receipt endpoint as a peer calls it: `GET`/`POST /v1/providers/{name}/receipts`
/// turned into a ``ReceiptCallback`` and handed to the provider's parser the way
/// ReceiptsController does, answering 200, 403 (forged), 410 (expired) or 422. What the parser
/// makes of each callback goes to ``recorder``.
public final class ReceiptEndpoint: Sendable {
    /// What the parser made of each callback, in arrival order.
    public enum Outcome: Sendable, Equatable {
        case accepted(DeliveryReceipt)
        case refused(ReceiptCallbackError)

        /// The receipt, when the callback was accepted.
        public var receipt: DeliveryReceipt? {
            if case .accepted(let receipt) = self { receipt } else { nil }
        }
    }

    /// Every receipt the parser accepted and every callback it refused.
    public let recorder: ReceiptRecorder
    private let outcomes = Mutex<[Outcome]>([])
    private let parser = Mutex<(any ReceiptCallbackParsing)?>(nil)
    private let started = Mutex<StandInServer?>(nil)

    private init(recorder: ReceiptRecorder) {
        self.recorder = recorder
    }

    /// Starts listening on a free loopback port; set the parser with ``use(_:)`` before
    /// callbacks arrive.
    public static func start(recorder: ReceiptRecorder = ReceiptRecorder()) async throws -> ReceiptEndpoint {
        let endpoint = ReceiptEndpoint(recorder: recorder)
        let router = Router()
        router.get("/v1/providers/:name/receipts") { request, context in try await endpoint.receive(request, context: context) }
        router.post("/v1/providers/:name/receipts") { request, context in try await endpoint.receive(request, context: context) }
        let server = try await StandInServer.start(router)
        endpoint.started.withLock { $0 = server }
        return endpoint
    }

    /// `http://127.0.0.1:PORT`, what the provider's receipt URL starts with.
    public var baseURL: String { started.withLock { $0 }?.baseURL ?? "" }

    /// The provider whose callbacks this endpoint reads.
    public func use(_ parser: any ReceiptCallbackParsing) {
        self.parser.withLock { $0 = parser }
    }

    /// Waits until `count` callbacks have arrived in all (safety net: two minutes), then
    /// returns them.
    public func outcomes(count: Int) async -> [Outcome] {
        _ = try? await Waiting.until(seconds: 120) { self.outcomes.withLock { $0.count } >= count }
        return outcomes.withLock { $0 }
    }

    /// Stops listening (callbacks in progress are answered first).
    public func stop() async {
        await started.withLock { $0 }?.stop()
    }

    private func receive(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let callback = ReceiptCallback(
            method: request.method.rawValue, query: query, rawQuery: request.uri.query ?? "", headers: headers,
            body: Array(buffer: body))
        let outcome: Outcome
        var status: HTTPResponse.Status
        do throws(ReceiptCallbackError) {
            guard let parser = parser.withLock({ $0 }) else { throw ReceiptCallbackError(parameter: "provider", message: "no parser") }
            let receipt = try parser.parseReceipt(callback, receivedAt: Date())
            outcome = .accepted(receipt)
            status = .ok
        } catch {
            recorder.refused(error)
            outcome = .refused(error)
            switch error.reason {
            case .forged: status = .forbidden
            case .expired: status = .gone
            case .malformed: status = .unprocessableContent
            }
        }
        if let receipt = outcome.receipt {
            do {
                try await recorder.deliver(receipt)
            } catch {
                // Kept, but the answer is lost (ReceiptRecorder.loseNextAnswer): the peer tries again.
                status = .internalServerError
            }
        }
        outcomes.withLock { $0.append(outcome) }
        return Response(status: status)
    }
}
