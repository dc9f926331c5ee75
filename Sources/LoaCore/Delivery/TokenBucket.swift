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
        refill(atSeconds: seconds)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / ratePerSecond
    }

    /// Takes one token at `seconds` if one is free and returns 0; otherwise takes nothing and
    /// returns how long until one is free. For callers that refuse rather than wait (a request
    /// answered `429`), so a refused caller does not use up the budget of later ones.
    public mutating func takeIfAvailable(atSeconds seconds: Double) -> Double {
        refill(atSeconds: seconds)
        // Refills add up in floating point; a token short by rounding error alone is a whole one.
        guard tokens >= 1 - 1e-9 else { return (1 - tokens) / ratePerSecond }
        tokens -= 1
        return 0
    }

    /// Whether the bucket would be full at `seconds`: a caller it belongs to has been idle long
    /// enough that forgetting the bucket changes nothing.
    public func isFull(atSeconds seconds: Double) -> Bool {
        guard let updatedAt else { return true }
        return tokens + max(0, seconds - updatedAt) * ratePerSecond >= burst
    }

    private mutating func refill(atSeconds seconds: Double) {
        if let updatedAt {
            tokens = min(burst, tokens + max(0, seconds - updatedAt) * ratePerSecond)
        }
        updatedAt = seconds
    }
}
