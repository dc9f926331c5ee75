public import Foundation
import LoaPeers

/// Real test peers (Kannel, Python tools, …) and whether this run may skip them.
///
/// Locally a missing peer skips its tests with a loud reason; under `CI=true` nothing may skip,
/// so the tests run and fail if `.ci/run` did not provide the peer.
public enum Peers {
    /// Whether this is a CI run (`CI=true`), where no test may skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether Kannel is installed here.
    public static var kannelInstalled: Bool { KannelScript.isInstalled }

    /// Run the Kannel tests when Kannel is installed, and always under CI.
    public static var kannelEnabled: Bool { isCI || kannelInstalled }

    /// The Python of `.venv-peers` (or `LOA_PEERS_PYTHON`) when it has smpplib.
    public static var smpplibPython: String? {
        let python = ProcessInfo.processInfo.environment["LOA_PEERS_PYTHON"]
            ?? LoaBinary.repositoryRoot.appendingPathComponent(".venv-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? runCapturingBlocking(python, ["-c", "import smpplib.gsm"], input: Data())) != nil else { return nil }
        return python
    }

    /// Runs a program with `input` on standard input (on a thread of its own); returns its
    /// standard output, or throws when it exits non-zero.
    public static func runCapturing(_ executable: String, _ arguments: [String], input: Data) async throws -> Data {
        try await blockingWork { try runCapturingBlocking(executable, arguments, input: input) }
    }

    /// ``runCapturing(_:_:input:)`` on the calling thread.
    public static func runCapturingBlocking(_ executable: String, _ arguments: [String], input: Data) throws -> Data {
        let run = try CapturedRun(executable: executable, arguments: arguments, input: input)
        guard run.status == 0 else {
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) exited \(run.status): \(String(decoding: run.standardError, as: UTF8.self))")
        }
        return run.standardOutput
    }

    /// Runs `scripts/peers/kannel.sh ARGS`; throws with its output when it fails.
    public static func kannel(_ arguments: [String]) async throws {
        try await KannelScript.run(arguments, repositoryRoot: LoaBinary.repositoryRoot)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() throws -> Int { try LoopbackPort.free() }
}
