/// Whether a provider is tried: opens after repeated transient failures, lets one probe through
/// once its cool-down has passed, closes on the probe's success.
///
/// A pure value: the caller passes the time (seconds on any monotonic scale) and stores the
/// breaker, so every transition is tested without a clock.
///
/// ```swift
/// var breaker = CircuitBreaker(threshold: 5, coolDownSeconds: 30)
/// breaker.recordFailure(at: t)          // five in a row open it
/// breaker.allowsAttempt(at: t + 31)     // true once: the half-open probe
/// breaker.recordSuccess()               // closed again
/// ```
public struct CircuitBreaker: Sendable, Equatable {
    /// Where the breaker stands.
    public enum State: String, Sendable, Equatable {
        /// Submissions go through.
        case closed
        /// Submissions are not tried until the cool-down passes.
        case open
        /// The cool-down passed; one probe is out, the rest wait for its answer.
        case halfOpen
    }

    /// Transient failures in a row that open the breaker.
    public let threshold: Int
    /// How long it stays open before a probe.
    public let coolDownSeconds: Double
    public private(set) var state: State = .closed
    /// Transient failures since the last success.
    public private(set) var consecutiveFailures = 0
    /// When the breaker last opened; nil when closed.
    public private(set) var openedAt: Double?

    /// Creates a closed breaker.
    public init(threshold: Int = 20, coolDownSeconds: Double = 30) {
        self.threshold = max(1, threshold)
        self.coolDownSeconds = max(0, coolDownSeconds)
    }

    /// When an open breaker lets its probe through; nil unless open.
    public var probeAt: Double? {
        guard state == .open, let openedAt else { return nil }
        return openedAt + coolDownSeconds
    }

    /// Whether the provider may be tried at `now` without taking the probe: closed, or open with
    /// the cool-down passed (the next ``allowsAttempt(at:)`` takes the probe).
    public func isAvailable(at now: Double) -> Bool {
        switch state {
        case .closed: true
        case .open: probeAt.map { now >= $0 } ?? true
        case .halfOpen: false
        }
    }

    /// Asks to submit at `now`; an open breaker past its cool-down turns half-open and lets this
    /// one submission through as the probe.
    public mutating func allowsAttempt(at now: Double) -> Bool {
        switch state {
        case .closed:
            return true
        case .open:
            guard isAvailable(at: now) else { return false }
            state = .halfOpen
            return true
        case .halfOpen:
            return false
        }
    }

    /// The provider accepted a submission (or refused it permanently, which is about the message,
    /// not the provider): closed.
    public mutating func recordSuccess() {
        state = .closed
        consecutiveFailures = 0
        openedAt = nil
    }

    /// A transient failure at `now`: opens after ``threshold`` in a row, and at once when the
    /// half-open probe fails.
    public mutating func recordFailure(at now: Double) {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open
            openedAt = now
        }
    }
}
