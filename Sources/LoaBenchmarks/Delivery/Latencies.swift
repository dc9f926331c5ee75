import Foundation

/// Percentiles of a set of durations, in milliseconds.
struct Latencies {
    let sortedMilliseconds: [Double]

    init(_ durations: [Duration]) {
        sortedMilliseconds = durations.map { max(0, Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15) }.sorted()
    }

    /// The smallest value at or above which `share` (0...1) of the values lie.
    func percentile(_ share: Double) -> Double {
        guard !sortedMilliseconds.isEmpty else { return .nan }
        let rank = Int((share * Double(sortedMilliseconds.count)).rounded(.up)) - 1
        return sortedMilliseconds[min(max(rank, 0), sortedMilliseconds.count - 1)]
    }

    var summary: String {
        String(format: "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d messages)",
               percentile(0.5), percentile(0.95), percentile(0.99), sortedMilliseconds.last ?? .nan, sortedMilliseconds.count)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
