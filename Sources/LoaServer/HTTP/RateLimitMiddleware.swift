import Hummingbird
import LoaCore
import LoaStore
import Synchronization

/// Refuses requests over their caller's budget with `429` and `Retry-After`: per API key for
/// requests that present one (placed after authentication), per client address for the rest.
/// The decision is ``RequestRateLimiter``'s; this only picks the caller and reads the clock.
final class RateLimitMiddleware: RouterMiddleware, Sendable {
    typealias Context = LoaRequestContext
    private let perKey: Mutex<RequestRateLimiter>
    private let perAddress: Mutex<RequestRateLimiter>
    private let now: @Sendable () -> Double

    /// `now` is any monotonic clock in seconds; the default counts from a `ContinuousClock` instant.
    init(perKey: RequestRateLimit, perAddress: RequestRateLimit, now: @escaping @Sendable () -> Double = RateLimitMiddleware.monotonicSeconds()) {
        self.perKey = Mutex(RequestRateLimiter(limit: perKey))
        self.perAddress = Mutex(RequestRateLimiter(limit: perAddress))
        self.now = now
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let seconds = now()
        let decision: RateLimitDecision
        if let key = context.apiKey {
            let caller = "key \(key.id)"
            decision = perKey.withLock { $0.admit(caller, atSeconds: seconds) }
        } else {
            let caller = context.clientAddress ?? "unknown"
            decision = perAddress.withLock { $0.admit(caller, atSeconds: seconds) }
        }
        switch decision {
        case .admitted:
            return try await next(request, context)
        case .refused(let retryAfterSeconds):
            throw APIError.rateLimited(retryAfterSeconds: retryAfterSeconds, perKey: context.apiKey != nil)
        }
    }

    /// Seconds since the first call, from a `ContinuousClock`.
    static func monotonicSeconds() -> @Sendable () -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        return {
            let elapsed = start.duration(to: clock.now).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        }
    }
}
