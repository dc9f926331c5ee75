import Foundation
import LoaPeers
import LoaTestSupport

/// `wrk` running `scripts/bench/kannel-sendsms.lua`: sends `count` messages to Kannel's
/// `sendsms`, the lines of `textsFile` in turn, from `connections` keep-alive connections on
/// `threads` threads. A load generator written in C, so the client takes little of the CPU
/// Kannel would otherwise have, the way Kannel is usually measured.
final class WrkSendSMS {
    /// Where Debian's `wrk` package puts it.
    static let executable = "/usr/bin/wrk"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    private let process = Process()
    private let outputPath: String
    private let errorPath: String
    private let count: Int
    let threads: Int

    /// Prepares wrk against `origin` (`http://127.0.0.1:PORT`), its output going to files in
    /// `folder`; with `deliveryReportURL`, every message asks for a delivery report there.
    init(origin: String, textsFile: String, count: Int, threads: Int, connections: Int,
         username: String, password: String, deliveryReportURL: String? = nil, folder: TemporaryFolder) {
        self.count = count
        self.threads = threads
        outputPath = folder.path("wrk.out")
        errorPath = folder.path("wrk.err")
        process.executableURL = URL(fileURLWithPath: Self.executable)
        // `-d`: wrk runs for a fixed time; ``finish()`` ends it once every answer is in.
        process.arguments = [
            "-t", String(threads), "-c", String(max(connections, threads)), "-d", "1h", "--timeout", "60s",
            "-s", LoaBinary.repositoryRoot.appendingPathComponent("scripts/bench/kannel-sendsms.lua").path,
            origin, "--", textsFile, String(count), String(threads), username, password,
        ] + (deliveryReportURL.map { [$0.percentEncoded] } ?? [])
    }

    /// Starts wrk; it begins sending at once.
    func start() throws {
        for path in [outputPath, errorPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The `202` answers of the wrk threads that have had every answer they wait for, or nil
    /// while a thread still waits.
    var answered: Int? {
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let counts = errors.split(separator: "\n").compactMap { line in
            line.hasPrefix("kannel-sendsms: thread ") ? line.split(separator: " ").last.flatMap { Int($0) } : nil
        }
        return counts.count >= threads ? counts.reduce(0, +) : nil
    }

    /// Whether wrk has ended (it ends early only on a failure).
    var hasExited: Bool { !process.isRunning }

    /// What wrk wrote to standard error and standard output so far.
    var output: String {
        [errorPath, outputPath].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// Ends wrk once every thread has had its answers (wrk would otherwise run for `-d`) and
    /// waits for it. SIGKILL: a process started from here may inherit a mask that blocks SIGINT.
    /// - Throws: ``BenchmarkError`` when fewer than `count` answers were `202`.
    func finish() async throws {
        let answered = answered ?? 0
        guard answered == count else { throw BenchmarkError("wrk has \(answered) of \(count) answers 202:\n\(output)") }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let waited = WaitedProcess(process: process)
        try await blockingWork { waited.process.waitUntilExit() }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A `Process` handed to the thread that waits for it (only that thread touches it meanwhile).
private struct WaitedProcess: @unchecked Sendable {
    let process: Process
}
