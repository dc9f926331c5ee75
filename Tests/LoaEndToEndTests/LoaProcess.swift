import Foundation
import LoaHTTPClient
import LoaPeers
import NIOCore
import NIOHTTP1

/// The real `loa` binary, run as a user would: `loa serve` on a temporary database, `loa keys`
/// for keys, killed or stopped by signal.
final class LoaProcess: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `loa` executable built next to the tests (or `LOA_BINARY`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["LOA_BINARY"] { return URL(fileURLWithPath: path) }
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("loa"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loa"),
            repositoryRoot.appendingPathComponent(".build/debug/loa"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    let folder: URL
    let databasePath: String
    let environment: [String: String]
    /// A configuration file other than the repository's `config/loa.yaml`.
    let configPath: String?
    private(set) var process: Process?
    private(set) var port = 0
    private var logCount = 0

    /// A process on a fresh database in a new temporary folder; `environment` adds `LOA_*` settings.
    init(environment: [String: String] = [:], configPath: String? = nil) throws {
        self.configPath = configPath
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("loa.sqlite").path
        self.environment = environment
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a `loa` command to completion (on a thread of its own); returns its standard output.
    func run(_ arguments: [String]) async throws -> String {
        let arguments = arguments + ["--database", databasePath]
        let environment = mergedEnvironment()
        return try await blockingWork { try LoaProcess.runBlocking(arguments, environment: environment) }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = LoaProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = LoaProcess.repositoryRoot
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw E2EError("loa \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Creates a key with the CLI and returns the secret (the last line of its output).
    func createKey(role: String, commune: String? = nil) async throws -> String {
        var arguments = ["keys", "create", "--role", role]
        if let commune { arguments += ["--commune", commune] }
        let output = try await run(arguments)
        guard let last = output.split(separator: "\n").last, last.hasPrefix("loa_") else {
            throw E2EError("keys create printed no key: \(output)")
        }
        return String(last)
    }

    /// Starts `loa serve` on `port` (0: a free one) and waits until it listens.
    func start(port requestedPort: Int = 0) async throws {
        logCount += 1
        let log = folder.appendingPathComponent("serve-\(logCount).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = LoaProcess.binary
        process.arguments = ["serve", "--database", databasePath, "--port", String(requestedPort)]
            + (configPath.map { ["--config", $0] } ?? [])
        process.currentDirectoryURL = LoaProcess.repositoryRoot
        process.environment = mergedEnvironment()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"server\.port=(\d+)"#, options: .regularExpression),
               let found = Int(text[range].split(separator: "=")[1]), found > 0 {
                port = found
                return
            }
            guard process.isRunning else { throw E2EError("loa serve exited early:\n\(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw E2EError("loa serve did not start within 30 s")
    }

    /// `kill -9`.
    func kill9() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits (on a thread of its own); returns the exit status.
    @discardableResult
    func terminate() async -> Int32 {
        guard let process else { return -1 }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let box = UncheckedProcess(process: process)
        return (try? await blockingWork {
            box.process.waitUntilExit()
            return box.process.terminationStatus
        }) ?? -1
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Everything the processes logged so far.
    func logs() -> String {
        (1...max(1, logCount)).compactMap {
            try? String(contentsOf: folder.appendingPathComponent("serve-\($0).log"), encoding: .utf8)
        }.joined(separator: "\n")
    }

    private func mergedEnvironment() -> [String: String] {
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOA_") }
        // Tests run at any hour; quiet hours would hold their messages until morning.
        merged["LOA_QUIET_HOURS_ENABLED"] = "false"
        // They send thousands of messages to one test number; the cap has tests of its own.
        merged["LOA_DISPATCH_RECIPIENT_DAILY_CAP"] = "0"
        merged.merge(environment) { $1 }
        return merged
    }
}

/// A failure of the end-to-end harness itself.
struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Small JSON-over-HTTP helpers on Loa's keep-alive HTTP client.
enum HTTP {
    private static let clients = ClientsByOrigin(maxBodyBytes: 16 << 20)

    struct Reply: Sendable {
        let status: Int
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    static func send(_ method: HTTPMethod, _ url: String, key: String? = nil, json: Any? = nil, timeout: Int64 = 30) async throws -> Reply {
        try await send(method, url, key: key, body: json.map { try JSONSerialization.data(withJSONObject: $0) }, timeout: timeout)
    }

    static func send(_ method: HTTPMethod, _ url: String, key: String? = nil, body: Data?, timeout: Int64 = 30) async throws -> Reply {
        guard let parsed = URL(string: url) else { throw E2EError("\(url) is not a URL") }
        let (client, target) = try clients.client(for: parsed)
        var headers = HTTPHeaders()
        if let key { headers.add(name: "Authorization", value: "Bearer \(key)") }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let reply = try await client.execute(
            HTTPRequest(method: method, target: target, headers: headers, body: body.map { ByteBuffer(bytes: $0) }),
            timeout: .seconds(timeout))
        return Reply(status: reply.status, body: Data(reply.body.readableBytesView))
    }
}

/// A `Process` handed to the thread that waits for it (Process is not Sendable; only that
/// thread touches it meanwhile).
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}
