/// Request budgets per caller (an API key, or a client address for requests without one): one
/// ``TokenBucket`` each, created full on first sight. A pure value: the caller passes the time
/// (any monotonic clock in seconds), so tests drive it with a number instead of sleeping.
///
/// Memory stays bounded: at most `maxTrackedCallers` buckets are kept. When that many are held,
/// buckets that have refilled completely (callers idle long enough that forgetting them changes
/// nothing) are dropped, at most once per refill period; callers that still find no room share
/// one overflow bucket, so a flood from many addresses throttles itself and nobody else.
///
/// ```swift
/// var limiter = RequestRateLimiter(limit: RequestRateLimit(requestsPerSecond: 20, burst: 100))
/// switch limiter.admit("key 42", atSeconds: now) {
/// case .admitted: break                                  // serve the request
/// case .refused(let retryAfterSeconds): break            // 429 with Retry-After
/// }
/// ```
public struct RequestRateLimiter: Sendable {
    /// The budget of every caller.
    public let limit: RequestRateLimit
    /// The most callers with a bucket of their own.
    public let maxTrackedCallers: Int
    private var buckets: [String: TokenBucket] = [:]
    private var overflow: TokenBucket
    private var lastSweepAt: Double?

    /// An empty limiter.
    public init(limit: RequestRateLimit, maxTrackedCallers: Int = 10_000) {
        self.limit = limit
        self.maxTrackedCallers = max(1, maxTrackedCallers)
        overflow = RequestRateLimiter.fullBucket(limit)
    }

    /// Callers that have a bucket of their own now.
    public var trackedCallers: Int { buckets.count }

    /// Takes one request from `caller`'s budget at `seconds`, or refuses it (taking nothing, so
    /// a refused caller that keeps trying is admitted as soon as its budget allows).
    public mutating func admit(_ caller: String, atSeconds seconds: Double) -> RateLimitDecision {
        guard limit.isEnabled else { return .admitted }
        var bucket: TokenBucket
        if let known = buckets[caller] {
            bucket = known
        } else {
            if buckets.count >= maxTrackedCallers { sweep(atSeconds: seconds) }
            guard buckets.count < maxTrackedCallers else {
                return RequestRateLimiter.decision(waiting: overflow.takeIfAvailable(atSeconds: seconds))
            }
            bucket = RequestRateLimiter.fullBucket(limit)
        }
        let wait = bucket.takeIfAvailable(atSeconds: seconds)
        buckets[caller] = bucket
        return RequestRateLimiter.decision(waiting: wait)
    }

    /// What ``admit(_:atSeconds:)`` would decide for `caller` at `seconds`, taking nothing: for
    /// checking a budget before work that is charged to it only if it fails (looking up a
    /// presented API key). A caller without a bucket while every bucket is taken is judged by
    /// the shared overflow bucket, without the sweep that `admit` may do first.
    public func peek(_ caller: String, atSeconds seconds: Double) -> RateLimitDecision {
        guard limit.isEnabled else { return .admitted }
        var bucket = buckets[caller] ?? (buckets.count < maxTrackedCallers ? RequestRateLimiter.fullBucket(limit) : overflow)
        return RequestRateLimiter.decision(waiting: bucket.takeIfAvailable(atSeconds: seconds))
    }

    /// Drops the buckets of callers idle long enough to have refilled, at most once per refill period.
    private mutating func sweep(atSeconds seconds: Double) {
        if let lastSweepAt, seconds - lastSweepAt < limit.refillSeconds { return }
        lastSweepAt = seconds
        buckets = buckets.filter { !$0.value.isFull(atSeconds: seconds) }
    }

    private static func fullBucket(_ limit: RequestRateLimit) -> TokenBucket {
        TokenBucket(ratePerSecond: limit.requestsPerSecond, burst: Double(limit.burst))
    }

    private static func decision(waiting seconds: Double) -> RateLimitDecision {
        guard seconds > 0 else { return .admitted }
        // Whole seconds, rounded up, ignoring floating-point dust (2.000000000000001 s is 2).
        return .refused(retryAfterSeconds: max(1, Int((min(seconds, 86_400) - 1e-9).rounded(.up))))
    }
}
