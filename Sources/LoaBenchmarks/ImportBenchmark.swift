import Foundation
import LoaTestSupport

/// `loa-bench import`: the real `loa appointments import` on a spreadsheet export of `--rows`
/// appointments (default 10,000; the residents issue asks for under 10 s), then the same file
/// again (every row recognised as already booked). Prints the wall time of each and rows per
/// second, medians of `--runs`, each run on a fresh database.
struct ImportBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let rows = options.int("rows", default: 10_000)
        let runs = options.int("runs", default: 3)
        var first: [Double] = []
        var again: [Double] = []
        for round in 1...runs {
            let loa = try LoaBinary()
            _ = try await loa.run(["migrate"])
            let file = loa.folder.path("lich-hen.csv")
            try Data(AppointmentSheet.make(rows: rows).utf8).write(to: URL(fileURLWithPath: file))
            first.append(try await timed { _ = try await loa.run(["appointments", "import", file, "--commune", "na-u"]) })
            again.append(try await timed { _ = try await loa.run(["appointments", "import", file, "--commune", "na-u"]) })
            print(String(format: "round %d: %d rows booked in %.2f s, recognised again in %.2f s", round, rows, first.last!, again.last!))
        }
        print(String(format: "import of %d rows (median of %d): %.2f s (%.0f rows/s; target < 10 s); the same file again %.2f s",
                     rows, runs, first.median, Double(rows) / first.median, again.median))
    }

    private func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
