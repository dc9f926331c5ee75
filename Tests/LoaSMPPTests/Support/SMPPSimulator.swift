import Foundation
import LoaPeers
import LoaTestSupport

/// The smpp34 SMSC (`scripts/peers/smpp_smsc.py` in `.venv-peers`) in a process of its own, on
/// a free loopback port. It can be killed and started again on the same port, to play an SMSC
/// that restarts; it logs every submit_sm it takes.
final class SMPPSimulator: @unchecked Sendable {
    /// The Python of `.venv-peers` (or `LOA_PEERS_PYTHON`) when smpp34 imports there.
    static let python: String? = {
        let python = ProcessInfo.processInfo.environment["LOA_PEERS_PYTHON"]
            ?? LoaBinary.repositoryRoot.appendingPathComponent(".venv-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Peers.runCapturingBlocking(python, ["-c", "import smpp34"], input: Data())) != nil else { return nil }
        return python
    }()

    /// Run the simulator tests when smpp34 is installed, and always under CI (where they fail
    /// without it: `scripts/test` installs it).
    static var enabled: Bool {
        if Peers.isCI { return true }
        if python == nil {
            print("⚠️ SKIPPING SMPP simulator tests: smpp34 is not in .venv-peers (.venv-peers/bin/pip install smpp34==1.5.0)")
        }
        return python != nil
    }

    let port: Int
    let folder: URL
    let options: [String]
    private let lock = NSLock()
    private var process: Process?
    private var stdin: Pipe?

    /// Starts a simulator with the script's `options` (`--throttle 2`, `--ids decimal`, …).
    init(options: [String] = []) async throws {
        port = try Peers.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smpp-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.options = options
        try await start()
    }

    var logPath: String { folder.appendingPathComponent("submits.jsonl").path }
    private var readyPath: String { folder.appendingPathComponent("ready").path }

    /// Starts the process and waits (at most 60 s) until its port listens.
    func start() async throws {
        guard let python = Self.python else { throw PeerError("smpp34 is not installed in .venv-peers") }
        try? FileManager.default.removeItem(atPath: readyPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            LoaBinary.repositoryRoot.appendingPathComponent("scripts/peers/smpp_smsc.py").path,
            "--port", "\(port)", "--ready-file", readyPath, "--log", logPath, "--stdin-watch",
        ] + options
        let input = Pipe()
        process.standardInput = input
        let output = folder.appendingPathComponent("simulator.log")
        if !FileManager.default.fileExists(atPath: output.path) {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: output)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        lock.withLock {
            self.process = process
            self.stdin = input
        }
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: readyPath) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PeerError("the SMPP simulator did not start: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
    }

    /// Kills the process (SIGKILL: an SMSC that crashes) and waits until it is gone.
    func kill() async throws {
        let running = lock.withLock { () -> Process? in
            defer { process = nil; stdin = nil }
            return process
        }
        guard let running else { return }
        Foundation.kill(running.processIdentifier, SIGKILL)
        try await blockingWork { running.waitUntilExit() }
    }

    /// Stops the simulator and removes its folder.
    func stop() async throws {
        try await kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every submit_sm the simulator took and will accept (logged on arrival, before its answer,
    /// which `--answer-delay` holds back), in order.
    func takenSubmits() throws -> [TakenSubmit] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(TakenSubmit.self, from: Data($0.utf8)) }
    }

    /// One submit_sm the simulator took.
    struct TakenSubmit: Decodable, Equatable {
        var messageId: String
        var destination: String
        var source: String
        var sourceTon: Int
        var sourceNpi: Int
        var esmClass: Int
        var dataCoding: Int
        var registeredDelivery: Int
        var shortMessage: String
        var tlvs: [String: String]

        /// short_message as octets.
        var octets: [UInt8] {
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
