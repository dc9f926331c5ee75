/// A token bucket: at most `ratePerSecond` takes per second on average, with bursts up to
/// `burst`. A pure value: the caller supplies the time and sleeps for the wait it returns.
///
/// ```swift
/// var bucket = TokenBucket(ratePerSecond: 50, burst: 10)
/// let wait = bucket.take(atSeconds: now)   // 0 when a token was free, else seconds to wait
/// ```
public struct TokenBucket: Sendable, Equatable {
    /// Tokens added per second.
    public let ratePerSecond: Double
    /// The most tokens the bucket holds.
    public let burst: Double
    private var tokens: Double
    private var updatedAt: Double?

    /// A full bucket.
    public init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, burst)
        tokens = max(1, burst)
    }

    /// Takes one token at `seconds` (any monotonic clock). Returns how long the caller must wait
    /// before acting: 0 when a token was free. The token is reserved either way, so callers that
    /// wait their turn are served in order.
    public mutating func take(atSeconds seconds: Double) -> Double {
        if let updatedAt {
            tokens = min(burst, tokens + max(0, seconds - updatedAt) * ratePerSecond)
        }
        updatedAt = seconds
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / ratePerSecond
    }
}
