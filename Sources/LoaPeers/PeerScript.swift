public import Foundation

/// A peer's shell script (`scripts/peers/*.sh`) that starts or stops daemons.
public enum PeerScript {
    /// Runs `/bin/bash script arguments…` with `environment` over this process's, standard input
    /// from `/dev/null` and standard output and error written to `outputPath` (appended, or
    /// truncated first); returns the script's wait status (0 when it succeeded).
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid`: Foundation's `Process` was seen to
    /// miss the exit of a script that leaves daemons behind, and those daemons would hold a pipe
    /// open. A process inherits the blocked signals of the thread that starts it, and the threads
    /// Swift concurrency runs on block most (the daemons would ignore a stop's SIGTERM), so the
    /// script starts with none blocked. Blocks its thread: call it through ``blockingWork(_:)``.
    public static func run(
        _ script: String, _ arguments: [String], environment: [String: String] = [:],
        outputPath: String, append: Bool = false
    ) throws -> Int32 {
        var cArguments = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw PeerError("cannot run \(script): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }
}
