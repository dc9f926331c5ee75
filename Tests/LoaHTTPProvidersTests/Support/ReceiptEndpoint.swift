import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import Synchronization

/// Loa's receipt endpoint as the stand-ins call it: `GET`/`POST /v1/providers/{name}/receipts`
/// turned into a ``ReceiptCallback`` and handed to the provider's parser the way
/// ReceiptsController does, answering 200, 403 (forged), 410 (expired) or 422.
final class ReceiptEndpoint: Sendable {
    /// What the parser made of each callback, in arrival order.
    enum Outcome: Sendable, Equatable {
        case accepted(DeliveryReceipt)
        case refused(ReceiptCallbackError)
    }

    private let outcomes = Mutex<[Outcome]>([])
    private let arrivals: AsyncStream<Void>.Continuation
    private let arrivalStream: AsyncStream<Void>
    private let parser = Mutex<(any ReceiptCallbackParsing)?>(nil)
    private let started = Mutex<LoopbackServer?>(nil)
    var server: LoopbackServer? { started.withLock { $0 } }

    private init() {
        (arrivalStream, arrivals) = AsyncStream.makeStream(of: Void.self)
    }

    /// Starts listening; set the parser with ``use(_:)`` before callbacks arrive.
    static func start() async throws -> ReceiptEndpoint {
        let endpoint = ReceiptEndpoint()
        let router = Router()
        router.get("/v1/providers/:name/receipts") { request, context in try await endpoint.receive(request, context: context) }
        router.post("/v1/providers/:name/receipts") { request, context in try await endpoint.receive(request, context: context) }
        let server = try await LoopbackServer.start(router)
        endpoint.started.withLock { $0 = server }
        return endpoint
    }

    var baseURL: String { server?.baseURL ?? "" }

    func use(_ parser: any ReceiptCallbackParsing) {
        self.parser.withLock { $0 = parser }
    }

    /// Waits until `count` callbacks have arrived in all, then returns them.
    func outcomes(count: Int) async -> [Outcome] {
        var iterator = arrivalStream.makeAsyncIterator()
        while outcomes.withLock({ $0.count }) < count {
            guard await iterator.next() != nil else { break }
        }
        return outcomes.withLock { $0 }
    }

    func stop() async {
        await server?.stop()
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
        let status: HTTPResponse.Status
        do throws(ReceiptCallbackError) {
            guard let parser = parser.withLock({ $0 }) else { throw ReceiptCallbackError(parameter: "provider", message: "no parser") }
            outcome = .accepted(try parser.parseReceipt(callback, receivedAt: Date()))
            status = .ok
        } catch {
            outcome = .refused(error)
            switch error.reason {
            case .forged: status = .forbidden
            case .expired: status = .gone
            case .malformed: status = .unprocessableContent
            }
        }
        outcomes.withLock { $0.append(outcome) }
        arrivals.yield()
        return Response(status: status)
    }
}
