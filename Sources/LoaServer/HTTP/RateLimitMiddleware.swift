import Hummingbird
import LoaCore
import LoaStore
import Synchronization

/// Refuses requests over their caller's budget with `429` and `Retry-After`: per API key for
/// requests that present a valid one (placed after authentication) or carry a dashboard session
/// signed in with one, per client address for the rest. Presented keys that are refused have a budget of their own per address (the same
/// `server.rateLimit.perAddress`), charged before the `401` (``AuthenticationMiddleware`` calls
/// ``requireRefusedKeyBudget(_:)`` and ``chargeRefusedKey(_:)``): guessing keys is limited, and
/// once that budget is spent no key from the address is looked up until it refills, while
/// requests without a key from the same address do not lock its valid keys out.
/// The decision is ``RequestRateLimiter``'s; this only picks the caller and reads the clock.
final class RateLimitMiddleware: RouterMiddleware, Sendable {
    typealias Context = LoaRequestContext
    private let perKey: Mutex<RequestRateLimiter>
    private let perAddress: Mutex<RequestRateLimiter>
    private let now: @Sendable () -> Double
    private let dashboardSessions: DashboardSessionKey?

    /// `now` is any monotonic clock in seconds; the default counts from a `ContinuousClock` instant.
    /// With `dashboardSessions`, a signed-in dashboard page is charged to its session's key.
    init(
        perKey: RequestRateLimit, perAddress: RequestRateLimit, dashboardSessions: DashboardSessionKey? = nil,
        now: @escaping @Sendable () -> Double = RateLimitMiddleware.monotonicSeconds()
    ) {
        self.perKey = Mutex(RequestRateLimiter(limit: perKey))
        self.perAddress = Mutex(RequestRateLimiter(limit: perAddress))
        self.dashboardSessions = dashboardSessions
        self.now = now
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let keyId = if let key = context.apiKey { key.id } else { await dashboardSessions?.keyId(of: request) }
        let seconds = now()
        let decision: RateLimitDecision
        if let keyId {
            let caller = "key \(keyId)"
            decision = perKey.withLock { $0.admit(caller, atSeconds: seconds) }
        } else {
            decision = perAddress.withLock { $0.admit(Self.address(of: context), atSeconds: seconds) }
        }
        switch decision {
        case .admitted:
            return try await next(request, context)
        case .refused(let retryAfterSeconds):
            throw APIError.rateLimited(retryAfterSeconds: retryAfterSeconds, perKey: keyId != nil)
        }
    }

    /// Throws `429` when the request's address has no budget for refused keys left, taking
    /// nothing: a presented key is looked up (a hash and a database read) only for an address
    /// that may still fail.
    func requireRefusedKeyBudget(_ context: Context) throws {
        let seconds = now()
        if case .refused(let retryAfterSeconds) = perAddress.withLock({ $0.peek(Self.refusedKeys(of: context), atSeconds: seconds) }) {
            throw APIError.rateLimited(retryAfterSeconds: retryAfterSeconds, perKey: false)
        }
    }

    /// Charges a request whose key was refused (unknown, revoked or malformed) to its address's
    /// budget for refused keys; throws `429` instead of letting the `401` through when that
    /// was over the budget.
    func chargeRefusedKey(_ context: Context) throws {
        let seconds = now()
        if case .refused(let retryAfterSeconds) = perAddress.withLock({ $0.admit(Self.refusedKeys(of: context), atSeconds: seconds) }) {
            throw APIError.rateLimited(retryAfterSeconds: retryAfterSeconds, perKey: false)
        }
    }

    /// The caller a request without a key is counted as.
    private static func address(of context: Context) -> String {
        context.clientAddress ?? "unknown"
    }

    /// The caller a refused key is counted as: its address, apart from requests without a key.
    private static func refusedKeys(of context: Context) -> String {
        "refused keys from \(address(of: context))"
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
