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
            try Data(ImportBenchmark.sheet(rows: rows).utf8).write(to: URL(fileURLWithPath: file))
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

    /// A semicolon-separated export with Vietnamese headers, as a commune's spreadsheet gives it:
    /// distinct phones, ten-minute slots from 07:00 every day from a week ahead (within the
    /// 366 days a booking may be ahead).
    static func sheet(rows: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let start = calendar.startOfDay(for: Date().addingTimeInterval(7 * 86_400))
        var lines = ["Họ và tên;Số điện thoại;Ngôn ngữ;Thủ tục;Thời gian;Ghi chú"]
        lines.reserveCapacity(rows + 1)
        for row in 0..<rows {
            let day = calendar.date(byAdding: .day, value: row / 48, to: start)!
            let parts = calendar.dateComponents([.day, .month, .year], from: day)
            let minutes = 7 * 60 + (row % 48) * 10
            let when = String(format: "%02d/%02d/%04d %02d:%02d", parts.day!, parts.month!, parts.year!, minutes / 60, minutes % 60)
            let phone = String(format: "09%08d", 12_000_000 + row)
            lines.append("Giàng A Vảng \(row);\(phone);\(row.isMultiple(of: 2) ? "hmn" : "vi");cccd_issue;\(when);")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
