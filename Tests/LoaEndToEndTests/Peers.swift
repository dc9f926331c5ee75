import Foundation
import LoaPeers

/// Real test peers (Kannel, …) and whether this run may skip them.
///
/// Locally a missing peer skips its tests with a loud reason; under `CI=true` nothing may skip,
/// so the tests run and fail if `.ci/run` did not provide the peer.
enum Peers {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static var kannelInstalled: Bool { KannelScript.isInstalled }

    /// Run the Kannel tests when Kannel is installed, and always under CI.
    static var kannelEnabled: Bool { isCI || kannelInstalled }

    /// The Python of `.venv-peers` (or `LOA_PEERS_PYTHON`) when it has smpplib.
    static var smpplibPython: String? {
        let python = ProcessInfo.processInfo.environment["LOA_PEERS_PYTHON"]
            ?? LoaProcess.repositoryRoot.appendingPathComponent(".venv-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? runCapturingBlocking(python, ["-c", "import smpplib.gsm"], input: Data())) != nil else { return nil }
        return python
    }

    /// Runs a program with `input` on standard input; returns its standard output, or throws
    /// when it exits non-zero.
    static func runCapturing(_ executable: String, _ arguments: [String], input: Data) async throws -> Data {
        try await blockingWork { try runCapturingBlocking(executable, arguments, input: input) }
    }

    static func runCapturingBlocking(_ executable: String, _ arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write from another thread so a full output pipe cannot deadlock us.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw E2EError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return output
    }

    /// Runs `scripts/peers/kannel.sh ARGS`; throws with its output when it fails.
    static func kannel(_ arguments: [String]) async throws {
        try await KannelScript.run(arguments, repositoryRoot: LoaProcess.repositoryRoot)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int { try LoopbackPort.free() }
}
