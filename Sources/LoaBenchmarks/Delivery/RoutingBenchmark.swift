import Foundation

/// What routing costs: the real `loa serve` sending through one Kannel stand-in, then through a
/// route of three whose first refuses everything (`503`: its circuit opens after its failure
/// threshold, opens again after each probe, and what it refused fails over to the next provider).
///
/// `--runs` (5) pairs of rounds; within a pair the two set-ups run back to back, and the order
/// alternates from pair to pair, so a change in the shared machine's load falls on both alike.
/// Reported: medians with the spread (lowest–highest) of throughput and CPU per message, and
/// the median of each pair's own ratio, the figure least moved by load that drifts between pairs.
struct RoutingBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let eventCount = options.int("events", default: 20_000)
        let runs = max(1, options.int("runs", default: 5))
        print("loa-bench routing: \(runs) pairs of rounds of \(eventCount) messages, one provider and a route of three with one down "
              + "(order alternating); \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var single: [LoaFigures] = [], routed: [LoaFigures] = []
        for pair in 1...runs {
            print("pair \(pair) of \(runs)")
            let order: [KannelStandIns.Routing] = pair.isMultiple(of: 2) ? [.threeWithOneDown, .single] : [.single, .threeWithOneDown]
            for routing in order {
                let figures = try await measure(routing, eventCount: eventCount)
                if routing == .single { single.append(figures) } else { routed.append(figures) }
            }
            print(String(format: "  this pair: routed / single throughput %.3f, CPU per message %.3f",
                         routed[pair - 1].deliveredPerSecond / single[pair - 1].deliveredPerSecond,
                         routed[pair - 1].cpuMicrosecondsPerMessage / single[pair - 1].cpuMicrosecondsPerMessage))
        }
        let throughputRatios = zip(routed, single).map { $0.deliveredPerSecond / $1.deliveredPerSecond }
        let cpuRatios = zip(routed, single).map { $0.cpuMicrosecondsPerMessage / $1.cpuMicrosecondsPerMessage }
        print("medians of \(runs) rounds of \(eventCount) messages each (lowest–highest):")
        print("  one provider:    " + Self.spread(single))
        print("  three, one down: " + Self.spread(routed))
        print(String(format: "routing with a failing provider keeps %.1f%% of the throughput (median of the pairs' ratios; %.1f–%.1f%%) "
                     + "and costs %+.1f%% CPU per message (%+.1f to %+.1f%%); ratio of the medians %.1f%%",
                     100 * throughputRatios.median, 100 * (throughputRatios.min() ?? .nan), 100 * (throughputRatios.max() ?? .nan),
                     100 * (cpuRatios.median - 1), 100 * ((cpuRatios.min() ?? .nan) - 1), 100 * ((cpuRatios.max() ?? .nan) - 1),
                     100 * routed.map(\.deliveredPerSecond).median / single.map(\.deliveredPerSecond).median))
    }

    private static func spread(_ rounds: [LoaFigures]) -> String {
        let delivered = rounds.map(\.deliveredPerSecond), cpu = rounds.map(\.cpuMicrosecondsPerMessage)
        return String(format: "delivered %6.0f /s (%.0f–%.0f), loa serve CPU %4.0f µs/message (%.0f–%.0f)",
                      delivered.median, delivered.min() ?? .nan, delivered.max() ?? .nan, cpu.median, cpu.min() ?? .nan, cpu.max() ?? .nan)
    }

    private func measure(_ routing: KannelStandIns.Routing, eventCount: Int) async throws -> LoaFigures {
        let round = try await LoaRound.start(options: options, providers: try await KannelStandIns.start(options: options, routing: routing))
        let figures = try await round.burst(eventCount: eventCount)
        let refused = round.providers.refused
        try await round.stop()
        print("  \(routing == .single ? "one provider" : "three, one down"): \(figures.summary)"
              + (routing == .single ? "" : "; the failing provider refused \(refused)"))
        return figures
    }
}
