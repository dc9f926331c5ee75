import Foundation
import LoaPeers

/// The real `loa` binary (built next to `loa-bench`) serving a temporary database, started and
/// stopped as an operator would; its memory read from `/proc`.
final class ServedLoa: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .deletingLastPathComponent().appendingPathComponent("loa")
    }

    let folder: URL
    let port: Int
    var databasePath: String { folder.appendingPathComponent("loa.sqlite").path }
    var configPath: String { folder.appendingPathComponent("loa.yaml").path }
    var logPath: String { folder.appendingPathComponent("serve.log").path }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    private var process: Process?

    /// Writes `configuration` (YAML, without `server.port`) into a new temporary folder.
    init(port: Int, configuration: String) throws {
        guard FileManager.default.isExecutableFile(atPath: ServedLoa.binary.path) else {
            throw BenchmarkError("\(ServedLoa.binary.path) is missing; run `swift build -c release` first")
        }
        self.port = port
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (configuration + "\nserver:\n  port: \(port)\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Loa on a free port, quiet hours off, sending through `kannel` with its receipts coming
    /// back to this Loa; extra `key: value` lines go under `dispatch` and `providers.kannel`.
    convenience init(sendingThrough kannel: FakeKannel, dispatchSettings: [String] = [], providerSettings: [String] = []) throws {
        let port = try LoopbackPort.free()
        let dispatch = (["provider: kannel"] + dispatchSettings).map { "  " + $0 }.joined(separator: "\n")
        let provider = ([
            "type: kannel", "url: \(kannel.sendURL)", "username: loa", "password: loa-secret",
            "receiptSecret: loa-bench-secret", "receiptURL: http://127.0.0.1:\(port)",
        ] + providerSettings).map { "    " + $0 }.joined(separator: "\n")
        try self.init(port: port, configuration: """
            quietHours:
              enabled: false
            dispatch:
            \(dispatch)
            providers:
              kannel:
            \(provider)
            """)
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `loa keys create --role ROLE`; returns the secret.
    func createKey(role: String) throws -> String {
        let process = Process()
        process.executableURL = ServedLoa.binary
        process.arguments = ["keys", "create", "--role", role, "--config", configPath, "--database", databasePath]
        process.currentDirectoryURL = ServedLoa.repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let key = text.split(separator: "\n").last, key.hasPrefix("loa_") else {
            throw BenchmarkError("loa keys create failed: \(text)")
        }
        return String(key)
    }

    /// `loa serve`, waiting until it listens.
    func start() async throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = ServedLoa.binary
        process.arguments = ["serve", "--config", configPath, "--database", databasePath]
        process.currentDirectoryURL = ServedLoa.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOA_") }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if text.contains("server.port=\(port)") { return }
            guard process.isRunning else { throw BenchmarkError("loa serve exited:\n\(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchmarkError("loa serve did not start within 30 s")
    }

    /// Resident memory now and at its peak (`VmRSS`, `VmHWM`), in bytes.
    func memory() -> (current: Int, peak: Int)? {
        guard let process,
              let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        func kilobytes(_ field: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
        }
        guard let current = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return (current * 1024, peak * 1024)
    }

    /// SIGTERM, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let process else { return -1 }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
