public import Foundation
import LoaPeers

/// The real `loa` binary, run as an operator would: `loa serve` on a database in a temporary
/// folder, `loa keys` and other commands against it, stopped by SIGTERM or killed with
/// `kill -9`. End-to-end tests and `loa-bench` both drive Loa through it.
///
/// ```swift
/// let loa = try LoaBinary()
/// let key = try await loa.createKey(role: "ingest")
/// try await loa.start()
/// let reply = try await HTTPJSON.send(.POST, loa.baseURL + "/v1/dossier-events", key: key, json: event)
/// await loa.terminate()
/// ```
public final class LoaBinary: @unchecked Sendable {
    /// The repository the binary runs in (templates and `config/` are read from there).
    public static var repositoryRoot: URL { Repository.root }

    /// Settings every test run wants unless it says otherwise: tests run at any hour (quiet
    /// hours would hold their messages until morning) and send many messages to one test
    /// number (the daily cap has tests of its own).
    public static let testDefaults = [
        "LOA_QUIET_HOURS_ENABLED": "false",
        "LOA_DISPATCH_RECIPIENT_DAILY_CAP": "0",
    ]

    /// The `loa` executable: `LOA_BINARY`, else the one built next to the running test bundle
    /// or benchmark, else `.build/debug/loa`.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["LOA_BINARY"] { return URL(fileURLWithPath: path) }
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("loa"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loa"),
            repositoryRoot.appendingPathComponent(".build/debug/loa"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? repositoryRoot.appendingPathComponent(".build/debug/loa")
    }

    /// The temporary folder holding the database, logs and any configuration written here.
    public let folder: TemporaryFolder
    public let databasePath: String
    /// The configuration file passed with `--config`; nil for the repository's `config/loa.yaml`.
    public let configPath: String?
    /// The `LOA_*` environment of every command (the caller's own `LOA_*` variables are dropped).
    public let environment: [String: String]
    private(set) var process: ChildProcess?
    /// The port `loa serve` listens on, once started.
    public private(set) var port = 0
    private var logCount = 0

    /// A harness on a fresh database in a new temporary folder. `environment` is laid over
    /// `defaults` (``testDefaults`` unless given). The configuration is `configPath`, or
    /// `configuration` (YAML) written into the folder, or else the repository's `config/loa.yaml`.
    /// `database` is what every command gets as `--database` (a `postgres://` URL, say);
    /// nil for a SQLite file in the folder. With a URL, the node's own provider files (the
    /// sandbox's receipts, SMPP part maps: `database.path` is their prefix) go in the folder too,
    /// not in the working directory that every node of a test run shares.
    public init(
        environment: [String: String] = [:], defaults: [String: String] = LoaBinary.testDefaults,
        configPath: String? = nil, configuration: String? = nil, database: String? = nil
    ) throws {
        folder = try TemporaryFolder(prefix: "loa-binary")
        databasePath = database ?? folder.path("loa.sqlite")
        if let configuration {
            let written = folder.path("loa.yaml")
            try configuration.write(toFile: written, atomically: true, encoding: .utf8)
            self.configPath = written
        } else {
            self.configPath = configPath
        }
        let ownFiles = database == nil ? [:] : ["LOA_DATABASE_PATH": folder.path("node.sqlite")]
        self.environment = defaults.merging(ownFiles) { $1 }.merging(environment) { $1 }
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Runs a `loa` command against this database (on a thread of its own, so it holds none of
    /// Swift concurrency's few threads); returns its standard output.
    /// - Throws: ``HarnessError`` with the standard error when it exits non-zero.
    @discardableResult
    public func run(_ arguments: [String], input: Data? = nil) async throws -> String {
        let arguments = arguments + ["--database", databasePath] + (configPath.map { ["--config", $0] } ?? [])
        let environment = processEnvironment()
        return try await blockingWork { try LoaBinary.runBlocking(arguments, environment: environment, input: input) }
    }

    /// Runs a `loa` command that is expected to fail; returns its exit status, standard error and standard output.
    public func runFailing(_ arguments: [String]) async throws -> (status: Int32, error: String, output: String) {
        let arguments = arguments + ["--database", databasePath] + (configPath.map { ["--config", $0] } ?? [])
        let environment = processEnvironment()
        return try await blockingWork {
            do {
                let output = try LoaBinary.runBlocking(arguments, environment: environment, input: nil)
                return (0, "", output)
            } catch let failure as CommandFailure {
                return (failure.status, failure.standardError, failure.standardOutput)
            }
        }
    }

    /// Creates a key with `loa keys create` and returns its secret (the last line printed).
    public func createKey(role: String, commune: String? = nil, extraArguments: [String] = []) async throws -> String {
        var arguments = ["keys", "create", "--role", role]
        if let commune { arguments += ["--commune", commune] }
        let output = try await run(arguments + extraArguments)
        guard let last = output.split(separator: "\n").last, last.hasPrefix("loa_") else {
            throw HarnessError("keys create printed no key: \(output)")
        }
        return String(last)
    }

    /// Starts `loa serve` on `port` (0: a free one) with `extraArguments` (`--no-worker`) and
    /// waits until its log says it listens.
    public func start(port requestedPort: Int = 0, extraArguments: [String] = []) async throws {
        try await launch(["serve", "--port", String(requestedPort)] + extraArguments, readyPattern: #"server\.port=(\d+)"#)
    }

    /// Starts `loa worker` (the worker's services without HTTP) and waits until its log says it runs.
    public func startWorker() async throws {
        try await launch(["worker"], readyPattern: "loa worker is running")
    }

    /// Starts a long-running `loa` command and waits until its log matches `readyPattern`
    /// (a number after `=` in the match is taken as the port).
    private func launch(_ command: [String], readyPattern: String) async throws {
        logCount += 1
        let log = folder.url.appendingPathComponent("serve-\(logCount).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        // posix_spawn, not Foundation's Process, whose run() can crash the test process (see Spawn).
        let process = try ChildProcess(
            LoaBinary.executable.path, command + ["--database", databasePath] + (configPath.map { ["--config", $0] } ?? []),
            environment: processEnvironment(), currentDirectory: LoaBinary.repositoryRoot.path,
            files: Spawn.Files(output: log.path, append: true))
        self.process = process
        // Generous: a debug binary on two busy cores can take long to migrate and bind.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: readyPattern, options: .regularExpression) {
                if let found = text[range].split(separator: "=").last.flatMap({ Int($0) }), found > 0 { port = found }
                return
            }
            guard process.isRunning else { throw HarnessError("loa \(command[0]) exited early:\n\(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("loa \(command[0]) did not start within 120 s:\n\(logs())")
    }

    /// The running `loa serve`'s process id.
    public var processIdentifier: Int32? { process.flatMap { $0.isRunning ? $0.processIdentifier : nil } }

    /// `kill -9`, then waits (on a thread of its own) for the process to end.
    public func kill9() async {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = try? await blockingWork { process.waitUntilExit() }
    }

    /// SIGTERM, then waits (on a thread of its own); returns the exit status.
    @discardableResult
    public func terminate() async -> Int32 {
        guard let process else { return -1 }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        return (try? await blockingWork { process.waitUntilExit() }) ?? -1
    }

    /// `http://127.0.0.1:PORT` of the running `loa serve`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Everything `loa serve` logged so far, over every start.
    public func logs() -> String {
        (1...max(1, logCount)).compactMap {
            try? String(contentsOf: folder.url.appendingPathComponent("serve-\($0).log"), encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// Resident memory of `loa serve` now and at its peak (`VmRSS`, `VmHWM`), in bytes.
    public func memory() -> (current: Int, peak: Int)? {
        guard let pid = processIdentifier,
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func kilobytes(_ field: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
        }
        guard let current = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return (current * 1024, peak * 1024)
    }

    private func processEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOA_") }
            .merging(environment) { $1 }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], input: Data?) throws -> String {
        let run = try CapturedRun(
            executable: LoaBinary.executable, arguments: arguments, environment: environment,
            currentDirectory: LoaBinary.repositoryRoot, input: input)
        let output = String(decoding: run.standardOutput, as: UTF8.self)
        guard run.status == 0 else {
            throw CommandFailure(
                arguments: arguments, status: run.status, standardOutput: output,
                standardError: String(decoding: run.standardError, as: UTF8.self))
        }
        return output
    }
}

/// A `loa` command that exited non-zero.
public struct CommandFailure: Error, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    public var description: String {
        "loa \(arguments.joined(separator: " ")) exited \(status): \(standardError)\(standardOutput)"
    }
}

