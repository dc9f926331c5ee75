/// How often and how patiently a message is retried after transient failures.
///
/// A pure decision: the caller supplies the random draw, so tests are deterministic.
///
/// ```swift
/// let policy = RetryPolicy(maxAttempts: 6, initialDelaySeconds: 10, maxDelaySeconds: 3600, jitter: 0.2)
/// policy.decide(after: failure, attemptsMade: 1, randomUnit: 0.5)   // .retry(afterSeconds: 10)
/// ```
public struct RetryPolicy: Sendable, Equatable, Codable {
    /// Total submissions allowed, the first included.
    public var maxAttempts: Int
    /// Delay before the second attempt.
    public var initialDelaySeconds: Double
    /// The delay never grows beyond this (before jitter).
    public var maxDelaySeconds: Double
    /// Share of the delay drawn at random either way (0 = none, 0.2 = ±20%).
    public var jitter: Double

    /// Creates a policy.
    public init(maxAttempts: Int, initialDelaySeconds: Double, maxDelaySeconds: Double, jitter: Double) {
        self.maxAttempts = maxAttempts
        self.initialDelaySeconds = initialDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }

    /// Defaults for ordinary notices: 8 attempts, 15 s doubling to 1 h, ±20% jitter.
    public static let standard = RetryPolicy(maxAttempts: 8, initialDelaySeconds: 15, maxDelaySeconds: 3600, jitter: 0.2)

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Try again after this many seconds.
        case retry(afterSeconds: Double)
        /// Stop; the message ends `failed` with this reason.
        case giveUp(reason: String)
    }

    /// The exponential delay after `attemptsMade` attempts, with jitter from `randomUnit` (0..<1).
    public func backoffSeconds(attemptsMade: Int, randomUnit: Double) -> Double {
        let exponent = Double(max(0, attemptsMade - 1))
        var delay = initialDelaySeconds
        var step = 0.0
        while step < exponent && delay < maxDelaySeconds {
            delay *= 2
            step += 1
        }
        delay = min(delay, maxDelaySeconds)
        let spread = delay * jitter
        return max(0, delay - spread + 2 * spread * min(max(randomUnit, 0), 1))
    }

    /// Decides after `failure` on attempt number `attemptsMade` (1 for the first).
    public func decide(after failure: SubmitFailure, attemptsMade: Int, randomUnit: Double) -> Decision {
        if failure.kind == .permanent {
            return .giveUp(reason: failure.description)
        }
        if attemptsMade >= maxAttempts {
            return .giveUp(reason: "gave up after \(attemptsMade) attempts; last: \(failure.description)")
        }
        let backoff = backoffSeconds(attemptsMade: attemptsMade, randomUnit: randomUnit)
        let asked = failure.retryAfterSeconds.flatMap { $0.isFinite ? min(max($0, 0), 86_400) : nil } ?? 0
        return .retry(afterSeconds: max(backoff, asked))
    }
}
