/// How many API requests one caller may make: `requestsPerSecond` on average, with bursts of up
/// to `burst` requests. A batch of dossier events is one request, however many events it holds.
public struct RequestRateLimit: Sendable, Equatable {
    /// The sustained rate; 0 turns the limit off.
    public let requestsPerSecond: Double
    /// Requests a caller may make at once after being idle.
    public let burst: Int

    /// A limit; `requestsPerSecond` 0 means none.
    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = max(0, requestsPerSecond)
        self.burst = max(1, burst)
    }

    /// Whether the limit is on.
    public var isEnabled: Bool { requestsPerSecond > 0 }

    /// How long an idle caller's budget takes to refill completely.
    public var refillSeconds: Double { isEnabled ? Double(burst) / requestsPerSecond : 0 }
}
