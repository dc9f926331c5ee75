public import Foundation

/// `scripts/peers/kannel.sh`: real Kannel (bearerbox, smsbox, fakesmsc as the SMSC) as a peer.
public enum KannelScript {
    /// Whether Debian's `kannel` and `kannel-extras` are installed.
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/bearerbox")
            && FileManager.default.isExecutableFile(atPath: "/usr/lib/kannel/test/fakesmsc")
    }

    /// Runs the script on a thread of its own (see ``blockingWork(_:)``).
    public static func run(_ arguments: [String], repositoryRoot: URL, environment: [String: String] = [:]) async throws {
        try await blockingWork { try run(arguments, repositoryRoot: repositoryRoot, environment: environment) as Void }
    }

    /// Runs `scripts/peers/kannel.sh ARGS` from `repositoryRoot` with `environment` added;
    /// throws with its output when it fails.
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid`: Foundation's `Process` was seen to
    /// miss the exit of a script that leaves daemons behind. Output goes to a file, not a pipe,
    /// because the daemons inherit it and would hold a pipe open.
    public static func run(_ arguments: [String], repositoryRoot: URL, environment: [String: String] = [:]) throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("kannel-sh-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let argv = ["/bin/bash", repositoryRoot.appendingPathComponent("scripts/peers/kannel.sh").path] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // A process inherits the blocked signals of the thread that starts it, and the threads
        // Swift concurrency runs on block most: the boxes would ignore `stop`'s SIGTERM and be
        // killed ten seconds later. The script starts with no signal blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw PeerError("cannot run kannel.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw PeerError("kannel.sh \(arguments.joined(separator: " ")) failed (status \(status)):\n\(text)")
        }
    }
}

/// A peer could not be started or used.
public struct PeerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
