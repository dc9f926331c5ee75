public import Foundation

/// A peer's shell script (`scripts/peers/*.sh`) that starts or stops daemons.
public enum PeerScript {
    /// Runs `/bin/bash script arguments…` with `environment` over this process's, standard input
    /// from `/dev/null` and standard output and error written to `outputPath` (appended, or
    /// truncated first); returns the script's wait status (0 when it succeeded).
    ///
    /// Started through ``Spawn`` (not Foundation's `Process`, which was seen to miss the exit of a
    /// script that leaves daemons behind), with no signal blocked. Blocks its thread: call it
    /// through ``blockingWork(_:)``.
    public static func run(
        _ script: String, _ arguments: [String], environment: [String: String] = [:],
        outputPath: String, append: Bool = false
    ) throws -> Int32 {
        let pid = try Spawn.start(
            "/bin/bash", [script] + arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            files: Spawn.Files(output: outputPath, append: append))
        return Spawn.wait(pid)
    }
}
