public import Foundation

/// The smpp34 SMSC (`scripts/peers/smpp_smsc.py` in `.venv-peers`) in a process of its own, on
/// a free loopback port. It can be killed and started again on the same port, to play an SMSC
/// that restarts; it logs every submit_sm it takes. The SMPP tests and `loa-bench delivery
/// --provider smpp` run it.
public final class SMPPSimulator: @unchecked Sendable {
    /// The Python of `.venv-peers` under `repositoryRoot` (or `LOA_PEERS_PYTHON`) when smpp34 is
    /// installed beside it.
    ///
    /// Looks at files only: it is called from async tests, and a `Process` waited for on one of
    /// Swift concurrency's few threads can starve the dispatch source that reaps the child, so
    /// that `waitUntilExit()` never returns (seen: every test in the run hung for 38 minutes).
    public static func python(repositoryRoot: URL) -> String? {
        let python = ProcessInfo.processInfo.environment["LOA_PEERS_PYTHON"]
            ?? repositoryRoot.appendingPathComponent(".venv-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let library = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: library.path)) ?? []
        let installed = versions.filter { $0.hasPrefix("python") }.contains { version in
            FileManager.default.fileExists(
                atPath: library.appendingPathComponent("\(version)/site-packages/smpp34/__init__.py").path)
        }
        return installed ? python : nil
    }

    public let port: Int
    public let folder: URL
    public let options: [String]
    private let repositoryRoot: URL
    private let lock = NSLock()
    private var process: ChildProcess?
    /// The write end of the simulator's standard input: it exits when that closes (`--stdin-watch`),
    /// also when this test process dies.
    private var stdin: Int32?

    /// Starts a simulator from the checkout at `repositoryRoot` with the script's `options`
    /// (`--throttle 2`, `--ids decimal`, …).
    public init(repositoryRoot: URL, options: [String] = []) async throws {
        self.repositoryRoot = repositoryRoot
        port = try LoopbackPort.free()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smpp-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.options = options
        try await start()
    }

    public var logPath: String { folder.appendingPathComponent("submits.jsonl").path }
    private var readyPath: String { folder.appendingPathComponent("ready").path }

    /// Starts the process and waits (at most 60 s) until its port listens.
    public func start() async throws {
        guard let python = Self.python(repositoryRoot: repositoryRoot) else { throw PeerError("smpp34 is not installed in .venv-peers") }
        try? FileManager.default.removeItem(atPath: readyPath)
        let output = folder.appendingPathComponent("simulator.log")
        // posix_spawn, not Foundation's Process, whose run() can crash the test process (see Spawn).
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw PeerError("pipe() failed: errno \(errno)") }
        // Neither end goes to other children (Spawn closes them; this covers anything else).
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let process: ChildProcess
        do {
            process = try ChildProcess(python, [
                repositoryRoot.appendingPathComponent("scripts/peers/smpp_smsc.py").path,
                "--port", "\(port)", "--ready-file", readyPath, "--log", logPath, "--stdin-watch",
            ] + options, environment: ProcessInfo.processInfo.environment, currentDirectory: nil,
            files: Spawn.Files(inputDescriptor: pipeEnds[0], output: output.path, append: true))
        } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw error
        }
        close(pipeEnds[0])
        lock.withLock {
            self.process = process
            self.stdin = pipeEnds[1]
        }
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(60) {
            if FileManager.default.fileExists(atPath: readyPath) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let ending = process.isRunning
            ? "still starting after \(ContinuousClock.now - started)"
            : "ended after \(ContinuousClock.now - started) (exit status \(process.waitUntilExit()), 128 + N for signal N)"
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        throw PeerError("the SMPP simulator did not start: \(ending); it printed: \(printed.isEmpty ? "nothing" : printed)")
    }

    /// Kills the process (SIGKILL: an SMSC that crashes) and waits until it is gone.
    public func kill() async throws {
        let (running, input) = lock.withLock { () -> (ChildProcess?, Int32?) in
            defer { process = nil; stdin = nil }
            return (process, stdin)
        }
        if let input { close(input) }
        guard let running else { return }
        Foundation.kill(running.processIdentifier, SIGKILL)
        _ = try await blockingWork { running.waitUntilExit() }
    }

    /// Stops the simulator and removes its folder.
    public func stop() async throws {
        try await kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every submit_sm the simulator took and will accept (logged on arrival, before its answer,
    /// which `--answer-delay` holds back), in order.
    public func takenSubmits() throws -> [TakenSubmit] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(TakenSubmit.self, from: Data($0.utf8)) }
    }

    /// One submit_sm the simulator took.
    public struct TakenSubmit: Decodable, Equatable, Sendable {
        public var messageId: String
        public var destination: String
        public var source: String
        public var sourceTon: Int
        public var sourceNpi: Int
        public var esmClass: Int
        public var dataCoding: Int
        public var registeredDelivery: Int
        public var shortMessage: String
        public var tlvs: [String: String]

        /// short_message as octets.
        public var octets: [UInt8] {
            var bytes: [UInt8] = []
            var index = shortMessage.startIndex
            while index < shortMessage.endIndex, let next = shortMessage.index(index, offsetBy: 2, limitedBy: shortMessage.endIndex) {
                bytes.append(UInt8(shortMessage[index..<next], radix: 16) ?? 0)
                index = next
            }
            return bytes
        }
    }
}
