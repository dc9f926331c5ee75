import CoreMetrics
import Hummingbird
import Synchronization

/// Records how long each request took as `http_server_request_duration_seconds`, labelled by
/// route template (`/v1/messages/{id}`, never the path itself: no message id or dossier code
/// reaches a label), method and status; Hummingbird names requests no route matched `NotFound`.
///
/// Hummingbird's own `MetricsMiddleware` records the same series, but only through the
/// process-wide `MetricsSystem`; this one writes to the gateway's own factory
/// (``GatewayMetrics``), so no global bootstrap is needed.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let timers: TimerCache

    init(factory: any MetricsFactory) {
        timers = TimerCache(factory: factory)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            // The handlers' answers are whole buffers: the time to make one is the request's.
            let response = try await next(request, context)
            timers.record(route: context.endpointPath, method: request.method.rawValue, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            timers.record(route: context.endpointPath, method: request.method.rawValue, status: status, since: start)
            throw error
        }
    }

    /// One timer per route template, method and status, made once.
    final class TimerCache: Sendable {
        private struct Key: Hashable {
            let route: String, method: String, status: Int
        }

        private let factory: any MetricsFactory
        private let timers = Mutex<[Key: CoreMetrics.Timer]>([:])

        init(factory: any MetricsFactory) {
            self.factory = factory
        }

        func record(route: String?, method: String, status: Int, since start: ContinuousClock.Instant) {
            let elapsed = ContinuousClock.now - start
            let key = Key(route: route ?? "unmatched", method: HTTPMetricsMiddleware.boundedMethod(method), status: status)
            let timer = timers.withLock { timers in
                if let timer = timers[key] { return timer }
                let timer = CoreMetrics.Timer(
                    label: "http.server.request.duration",
                    dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                    factory: factory)
                timers[key] = timer
                return timer
            }
            timer.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
    }

    /// The method as a label: the standard ones as they are, anything else `other`.
    static func boundedMethod(_ method: String) -> String {
        ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].contains(method) ? method : "other"
    }
}
