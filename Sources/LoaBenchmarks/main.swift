// Benchmarks that print figures; they never fail on a slow machine. Build in release first:
//
//   swift build -c release
//   .build/release/loa-bench text        # SMS analyses and template renders per second
//   .build/release/loa-bench delivery    # the real `loa serve` end to end, side by side with Kannel (wrk)
//   .build/release/loa-bench delivery --provider smpp [--ingest-apart]   # both over SMPP to an smpp34 simulator each
//   .build/release/loa-bench delivery --database postgres --nodes 3   # three nodes over one PostgreSQL cluster
//   .build/release/loa-bench backlog     # resident memory with a million messages waiting
//   .build/release/loa-bench routing     # one provider against a route of three with one down
//   .build/release/loa-bench http-clients   # the Kannel adapter on LoaHTTPClient against AsyncHTTPClient
//   .build/release/loa-bench import      # loa appointments import of a 10,000-row spreadsheet export
//   .build/release/loa-bench dashboard   # dashboard pages, /v1/stats and /metrics on a million messages
//
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first ?? "text" {
    case "text":
        try textBenchmarks()
    case "delivery":
        try await DeliveryBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    case "backlog":
        try await BacklogBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    case "routing":
        try await RoutingBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    case "http-clients":
        try await HTTPClientsBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    case "import":
        try await ImportBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    case "dashboard":
        try await DashboardBenchmark(options: BenchmarkOptions(arguments.dropFirst())).run()
    default:
        print("usage: loa-bench text | delivery [--runs N] [--events N] [--rate N] [--seconds N] [--concurrency N] [--batch-size N] [--receipt-concurrency N] "
              + "[--provider kannel|smpp] [--window N] [--ingest-apart] [--database sqlite|postgres] [--nodes N] [--no-kannel] [--kannel-clients N] [--wrk-threads N] [--kannel-log-level N] | backlog [--messages N] "
              + "| routing [--runs N (pairs, 5)] [--events N] [--concurrency N] [--batch-size N] | http-clients [--runs N] [--requests N] [--concurrency N] | import [--runs N] [--rows N] | dashboard [--messages N] [--requests N]")
    }
} catch {
    print("loa-bench: \(error)")
    exit(1)
}
