import LoaPeers

/// Loopback Kannel stand-ins (``FakeKannel``) that answer at once and call delivery reports
/// back: one by default; with ``Routing/threeWithOneDown``, a route of three whose first
/// answers every submission `503`.
struct KannelStandIns: RoundProviders {
    /// Which providers Loa sends through.
    enum Routing {
        /// One provider.
        case single
        /// `routes.default: [down, kannel, kannel2]`, equal weights; `down` answers every
        /// submission `503` (its circuit opens, and what it refused fails over).
        case threeWithOneDown
    }

    /// The stand-ins that accept messages.
    let accepting: [FakeKannel]
    /// The stand-ins that refuse every message.
    let failing: [FakeKannel]

    /// Starts the stand-ins, posting reports from `--receipt-concurrency` connections in all
    /// (shared by the accepting stand-ins, so that a route of three does not post Loa more
    /// reports at once than one provider does).
    static func start(options: BenchmarkOptions, routing: Routing = .single) async throws -> KannelStandIns {
        let connections = options.int("receipt-concurrency", default: 64)
        guard routing == .threeWithOneDown else {
            return KannelStandIns(accepting: [try await FakeKannel.start(settings: FakeKannelSettings(receiptConcurrency: connections))], failing: [])
        }
        let settings = FakeKannelSettings(receiptConcurrency: max(1, connections / 2))
        var down = settings
        down.faults = FaultMix(share: 1, kinds: [.unavailable])
        return KannelStandIns(
            accepting: [try await FakeKannel.start(settings: settings), try await FakeKannel.start(settings: settings)],
            failing: [try await FakeKannel.start(settings: down)])
    }

    /// `routes.default: [down, kannel, kannel2]`, or `kannel` alone.
    func entries(loaPort: Int) -> [ProviderEntry] {
        let names = ["kannel", "kannel2"]
        return failing.map { ProviderEntry.kannel("down", $0, loaPort: loaPort) }
            + zip(names, accepting).map { ProviderEntry.kannel($0, $1, loaPort: loaPort) }
    }

    func allSubmitted(_ messages: Int) -> ContinuousClock.Instant? {
        submittedCount >= messages ? acceptanceTimes.values.max() : nil
    }

    /// Loa answers a delivery report only once it is committed, so the stand-in's last 2xx is
    /// when the last message became delivered; asking Loa instead would load it meanwhile.
    func allDelivered(_ messages: Int) -> ContinuousClock.Instant? {
        accepting.map(\.statistics.receiptsPosted).reduce(0, +) >= messages ? accepting.compactMap(\.lastReceiptPostedAt).max() : nil
    }

    /// Distinct messages the accepting stand-ins took.
    var submittedCount: Int { accepting.map(\.statistics.distinctMessages).reduce(0, +) }

    /// When each message was first accepted, by any stand-in.
    var acceptanceTimes: [String: ContinuousClock.Instant] {
        accepting.map(\.acceptanceTimes).reduce(into: [:]) { all, times in all.merge(times) { min($0, $1) } }
    }

    /// What the stand-ins that refuse everything were offered (zero with one provider).
    var refused: Int { failing.map { $0.statistics.faults.values.reduce(0, +) }.reduce(0, +) }

    func stop() async throws {
        for kannel in accepting + failing { try await kannel.stop() }
    }
}
