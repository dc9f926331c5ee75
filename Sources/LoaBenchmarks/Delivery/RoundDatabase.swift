import Foundation
import LoaTestSupport

/// Where a round's `loa serve` nodes keep their store (`--database`): a new SQLite file for one
/// node (the default), or a new PostgreSQL 15 cluster on loopback shared by `--nodes` nodes.
enum RoundDatabase {
    case sqlite
    case postgres(nodes: Int)

    init(options: BenchmarkOptions) throws {
        switch options.string("database", default: "sqlite") {
        case "sqlite":
            guard options.value("nodes") == nil else { throw BenchmarkError("--nodes needs --database postgres: a SQLite file serves one node") }
            self = .sqlite
        case "postgres":
            let nodes = options.int("nodes", default: 1)
            guard (1...8).contains(nodes) else { throw BenchmarkError("--nodes is from 1 to 8, not \(options.value("nodes") ?? "")") }
            self = .postgres(nodes: nodes)
        case let other:
            throw BenchmarkError("--database is sqlite or postgres, not \(other)")
        }
    }

    var nodeCount: Int {
        if case .postgres(let nodes) = self { return nodes }
        return 1
    }

    /// What the CPU figure covers: every process that stores or sends.
    var system: String {
        switch self {
        case .sqlite: "loa serve"
        case .postgres(1): "loa serve + PostgreSQL"
        case .postgres(let nodes): "\(nodes) × loa serve + PostgreSQL"
        }
    }
}

/// The CPU time of a PostgreSQL cluster's server processes (the postmaster and its backends,
/// which come and go with the nodes' pools), between two snapshots.
struct ClusterCPU {
    let cluster: PostgresCluster

    /// Clock ticks used so far by each server process alive now.
    func snapshot() -> [Int32: Int] {
        var ticks: [Int32: Int] = [:]
        for processIdentifier in cluster.serverProcessIdentifiers() {
            guard let line = try? String(contentsOfFile: "/proc/\(processIdentifier)/stat", encoding: .utf8),
                  let used = ProcessCPU.clockTicks(inStatLine: line) else { continue }
            ticks[processIdentifier] = used
        }
        return ticks
    }

    /// The time used from `before` to `after` by the processes alive at `after` (one that began
    /// meanwhile counts from zero; one that ended meanwhile is not counted, a slight undercount).
    static func used(from before: [Int32: Int], to after: [Int32: Int]) -> Duration {
        let ticks = after.reduce(0) { total, entry in total + entry.value - (before[entry.key] ?? 0) }
        return .seconds(ticks) / ProcessCPU.clockTicksPerSecond
    }
}
