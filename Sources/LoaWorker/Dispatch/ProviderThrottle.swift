import LoaCore

/// Holds submissions to a provider's configured rate (messages per second), in arrival order.
actor ProviderThrottle {
    private var bucket: TokenBucket
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(ratePerSecond: Double) {
        bucket = TokenBucket(ratePerSecond: ratePerSecond, burst: max(1, ratePerSecond / 10))
        start = clock.now
    }

    /// Waits until the next submission may go.
    func acquire() async {
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let wait = bucket.take(atSeconds: seconds)
        if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
    }
}
