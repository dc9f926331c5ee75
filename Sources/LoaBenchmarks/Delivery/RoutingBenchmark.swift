import Foundation

/// What routing costs: the real `loa serve` sending through one Kannel stand-in, then through a
/// route of three whose first refuses everything (`503`: its circuit opens after five failures,
/// opens again after each probe, and what it refused fails over to the next provider).
/// `--runs` rounds of each, alternating, reported as medians with the ratio.
struct RoutingBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let eventCount = options.int("events", default: 20_000)
        let runs = max(1, options.int("runs", default: 3))
        print("loa-bench routing: \(runs) rounds of \(eventCount) messages through one provider, then a route of three with one down; "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        var single: [LoaFigures] = [], routed: [LoaFigures] = []
        for round in 1...runs {
            print("round \(round) of \(runs)")
            single.append(try await measure(.single, eventCount: eventCount, label: "one provider"))
            routed.append(try await measure(.threeWithOneDown, eventCount: eventCount, label: "three, one down"))
        }
        let singleDelivered = single.map(\.deliveredPerSecond).median, routedDelivered = routed.map(\.deliveredPerSecond).median
        let singleCPU = single.map(\.cpuMicrosecondsPerMessage).median, routedCPU = routed.map(\.cpuMicrosecondsPerMessage).median
        print("medians of \(runs) rounds of \(eventCount) messages:")
        print(String(format: "  one provider:    delivered %6.0f /s, loa serve CPU %4.0f µs/message", singleDelivered, singleCPU))
        print(String(format: "  three, one down: delivered %6.0f /s, loa serve CPU %4.0f µs/message", routedDelivered, routedCPU))
        print(String(format: "routing with a failing provider keeps %.1f%% of the throughput and costs %.1f%% more CPU per message",
                     100 * routedDelivered / singleDelivered, 100 * (routedCPU / singleCPU - 1)))
    }

    private func measure(_ routing: KannelStandIns.Routing, eventCount: Int, label: String) async throws -> LoaFigures {
        let round = try await LoaRound.start(options: options, providers: try await KannelStandIns.start(options: options, routing: routing))
        let figures = try await round.burst(eventCount: eventCount)
        let refused = round.providers.refused
        try await round.stop()
        print("  \(label): \(figures.summary)" + (routing == .single ? "" : "; the failing provider refused \(refused)"))
        return figures
    }
}
