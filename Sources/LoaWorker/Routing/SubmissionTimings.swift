import CoreMetrics

/// How long each provider takes to answer a submission, as the timer
/// `loa.provider.submission.duration` with the labels `provider` (a configured name) and
/// `outcome` (`accepted`, `transient`, `permanent`): the submission latency histogram on
/// `/metrics`. The metrics go to the factory passed in, never to a process-wide one, so several
/// gateways in one process keep their figures apart.
struct SubmissionTimings: Sendable {
    /// How a submission ended.
    enum Outcome: String, CaseIterable, Sendable {
        case accepted, transient, permanent
    }

    private let timers: [String: [Outcome: CoreMetrics.Timer]]

    /// Timers for each of `providers` and each outcome, made once by `factory`.
    init(providers: some Sequence<String>, factory: any MetricsFactory) {
        var timers: [String: [Outcome: CoreMetrics.Timer]] = [:]
        for provider in providers {
            for outcome in Outcome.allCases {
                timers[provider, default: [:]][outcome] = CoreMetrics.Timer(
                    label: "loa.provider.submission.duration",
                    dimensions: [("provider", provider), ("outcome", outcome.rawValue)],
                    factory: factory)
            }
        }
        self.timers = timers
    }

    /// Records a submission to `provider` that began at `start` and ended with `outcome`.
    func record(_ provider: String, _ outcome: Outcome, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        timers[provider]?[outcome]?.recordNanoseconds(nanoseconds)
    }
}
