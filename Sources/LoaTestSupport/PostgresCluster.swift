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

    /// A cluster not created yet, on a free port; ``start()`` creates it.
    public init() throws {
        port = try Peers.freePort()
        directory = "/tmp/loa-pg-cluster-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// The URL of its `loa` database, with `query` items appended (`connect_timeout=2`).
    public func url(_ query: String = "") -> String {
        "postgres://loa@127.0.0.1:\(port)/loa?sslmode=disable" + (query.isEmpty ? "" : "&" + query)
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
    }

    private func script(_ verb: String) async throws {
        try await blockingWork { try self.script(verb) }
    }

    /// Runs `scripts/peers/postgres.sh VERB` for this cluster, its output appended to a log
    /// beside the folder. Spawned with `posix_spawn` and reaped with `waitpid`, as
    /// `KannelScript` does: Foundation's `Process` misses the exit of a script that leaves a
    /// server behind, and the server would hold a pipe open.
    private func script(_ verb: String) throws {
        let log = directory + ".log"
        let argv = ["/bin/bash", LoaBinary.repositoryRoot.appendingPathComponent("scripts/peers/postgres.sh").path, verb]
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPEER_DIR"] = directory
        environment["PGPEER_PORT"] = String(port)
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Swift concurrency's threads block most signals, and a child inherits the mask: the
        // server would ignore pg_ctl's stop. The script starts with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw HarnessError("cannot run scripts/peers/postgres.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw HarnessError("scripts/peers/postgres.sh \(verb) failed (status \(status)):\n\(text)")
        }
    }
}
