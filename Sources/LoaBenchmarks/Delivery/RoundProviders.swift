import LoaTestSupport

/// What a round of Loa sends through (``LoaRound``): the providers' configuration, and when the
/// provider side had taken every message and Loa had acknowledged every delivery report.
protocol RoundProviders {
    /// The providers, in route order, for a Loa listening on `loaPort`.
    func entries(loaPort: Int) -> [ProviderEntry]
    /// When the provider side had taken all of the first `messages` messages; nil until it has.
    func allSubmitted(_ messages: Int) throws -> ContinuousClock.Instant?
    /// When Loa had acknowledged the delivery reports of all `messages` messages; nil until then.
    func allDelivered(_ messages: Int) throws -> ContinuousClock.Instant?
    /// The provider side's own process, when it runs in one (its CPU time is reported beside
    /// Loa's, never added to it).
    var peerCPU: ProcessCPU? { get }
    /// Stops the provider side (after `loa serve`).
    func stop() async throws
}

extension RoundProviders {
    var peerCPU: ProcessCPU? { nil }
}
