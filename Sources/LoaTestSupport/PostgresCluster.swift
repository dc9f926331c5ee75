public import Foundation
import LoaPeers

/// A PostgreSQL 15 cluster of one test's own (scripts/peers/postgres.sh in a folder and on a
/// port of its own), for tests that stop and start the database itself without disturbing the
/// shared cluster other tests use at the same time.
///
/// ```swift
/// let cluster = try PostgresCluster()
/// try await cluster.start()
/// defer { cluster.remove() }
/// try await cluster.stop()      // the database goes away…
/// try await cluster.start()     // …and comes back with its data
/// ```
public final class PostgresCluster: Sendable {
    /// Where the cluster's data, socket and log live (under /tmp: the server runs as `postgres`).
    public let directory: String
    /// The loopback port it listens on.
    public let port: Int

    /// Where every test's cluster folder starts (its owner beside it, `<folder>.owner`).
    public static let folderPrefix = "/tmp/loa-pg-cluster-"

    /// A cluster not created yet, on a free port; ``start()`` creates it. The first one of a
    /// test process first stops and removes the clusters of test processes that died without
    /// removing theirs (killed, or crashed before their `defer`).
    public init() throws {
        _ = PostgresCluster.abandonedSwept
        port = try Peers.freePort()
        directory = PostgresCluster.folderPrefix + UUID().uuidString.prefix(8).lowercased()
        try ProcessIdentity.current.record(at: directory + ".owner")
    }

    private static let abandonedSwept: Void = removeAbandoned()

    /// Stops and removes every cluster whose owner file names a process that is gone (a folder
    /// without one is left alone: it may be another checkout's older test run). Runs once per
    /// test process, before its first cluster.
    public static func removeAbandoned() {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? [])
            .map { "/tmp/" + $0 }
            .filter { $0.hasPrefix(folderPrefix) && !$0.hasSuffix(".owner") && !$0.hasSuffix(".log") }
        for folder in folders {
            guard let owner = ProcessIdentity(recordedAt: folder + ".owner"), !owner.isAlive else { continue }
            PostgresCluster(abandoned: folder).remove()
        }
    }

    private init(abandoned directory: String) {
        self.directory = directory
        port = 0
    }

    /// The URL of its `loa` database, with `query` items appended (`connect_timeout=2`).
    public func url(_ query: String = "") -> String {
        "postgres://loa@127.0.0.1:\(port)/loa?sslmode=disable" + (query.isEmpty ? "" : "&" + query)
    }

    /// The server's processes now: the postmaster (first line of `postmaster.pid`) and its
    /// children (backends, checkpointer, writers…); empty when it is not running.
    public func serverProcessIdentifiers() -> [Int32] {
        guard let pidFile = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
              let postmaster = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) else { return [] }
        let children = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry -> Int32? in
            guard let processIdentifier = Int32(entry),
                  let line = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = line.lastIndex(of: ")") else { return nil }
            // After the name: state (field 3), then the parent's id (4).
            let fields = line[line.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == postmaster ? processIdentifier : nil
        }
        return [postmaster] + children
    }

    /// Creates the cluster the first time, then starts it and waits until it takes connections.
    public func start() async throws { try await script("start") }

    /// Stops it (fast shutdown: sessions are ended, committed data stays) and waits until it is down.
    public func stop() async throws { try await script("stop") }

    /// Stops it and deletes its folder.
    public func remove() {
        try? script("stop")
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + ".log")
        try? FileManager.default.removeItem(atPath: directory + ".owner")
    }

    private func script(_ verb: String) async throws {
        try await blockingWork { try self.script(verb) }
    }

    /// Runs `scripts/peers/postgres.sh VERB` for this cluster, its output appended to a log
    /// beside the folder (through ``PeerScript``: the server the script leaves behind would hold
    /// a pipe open, and must not inherit Swift concurrency's blocked signals).
    private func script(_ verb: String) throws {
        let log = directory + ".log"
        let status = try PeerScript.run(
            LoaBinary.repositoryRoot.appendingPathComponent("scripts/peers/postgres.sh").path, [verb],
            environment: ["PGPEER_DIR": directory, "PGPEER_PORT": String(port)], outputPath: log, append: true)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw HarnessError("scripts/peers/postgres.sh \(verb) failed (status \(status)):\n\(text)")
        }
    }
}
