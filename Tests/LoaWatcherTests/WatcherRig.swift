import Foundation
import GRDB
import LoaConfig
import LoaStore
@testable import LoaServer
import LoaTestSupport
import Logging
import Synchronization
import Testing

/// A gateway on a fresh SQLite file, configured from the repository's `config/` and
/// `templates/` with one watcher `w` on a source database; runs the watcher and reads what
/// it committed.
struct WatcherRig: Sendable {
    let gateway: Gateway
    let folder: TemporaryFolder
    /// The SQLite file of the gateway's store (in ``folder`` unless `database.path` was given).
    let databasePath: String
    let logs: LogCapture

    static func make(source: SourceDatabase, _ overrides: [String: String] = [:]) async throws -> WatcherRig {
        let folder = try TemporaryFolder(prefix: "loa-watcher-test")
        let root = LoaBinary.repositoryRoot.path
        var flags = [
            "database.path": folder.path("loa.sqlite"),
            "catalogs.templates": "\(root)/templates",
            "catalogs.procedures": "\(root)/config/procedures.yaml",
            "catalogs.communes": "\(root)/config/communes.yaml",
            "catalogs.dossierStates": "\(root)/config/dossier-states.yaml",
            "catalogs.ussd": "\(root)/config/ussd.yaml",
            "quietHours.enabled": "false",
            "dispatch.recipientDailyCap": "0",
            "watchers.w.url": source.url,
            "watchers.w.table": "dossiers",
            "watchers.w.start": "beginning",
            "watchers.w.poll": "100ms",
            "watchers.w.safetyLag": "50ms",
            "watchers.w.maxBackoff": "1s",
        ]
        flags.merge(overrides) { $1 }
        let configuration = try GatewayConfiguration.load(configPath: "\(root)/config/loa.yaml", environment: [:], flags: flags)
        let logs = LogCapture()
        var logger = Logger(label: "loa-watcher-test") { _ in logs }
        logger.logLevel = .info
        let gateway = try await Gateway.prepare(configuration, logger: logger)
        return WatcherRig(gateway: gateway, folder: folder, databasePath: flags["database.path"]!, logs: logs)
    }

    var watcher: DossierWatcher { gateway.watchers[0] }

    /// Runs the watcher around `body`, then stops it and waits for it to end.
    func watching<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let running = start()
        do {
            let value = try await body()
            running.cancel()
            _ = await running.result
            return value
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
    }

    /// Starts the watcher; cancelling the task stops it.
    func start() -> Task<Void, any Error> {
        Task { [watcher] in try await watcher.run() }
    }

    /// Whether a log line contains `text`.
    func logged(_ text: String) -> Bool {
        logs.all.contains { $0.contains(text) }
    }

    /// The events the watcher committed: (dossier code, status number) per event, in no order.
    func events() throws -> [(code: String, status: Int)] {
        try eventRows().map { ($0[0], $0[1]) }
    }

    /// When each event's change was made (`occurredAt`, the row's updated-at).
    func eventInstants() throws -> [Date] {
        try eventRows().map { Date(epochMilliseconds: $0[2]) }
    }

    private func eventRows() throws -> [Row] {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT dossier_code, status, occurred_at FROM events WHERE source = 'w'")
        }
    }

    /// Each (code, status) with how many events it has.
    func eventCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for event in try events() { counts["\(event.code)#\(event.status)", default: 0] += 1 }
        return counts
    }

    func cursor() async throws -> WatcherCursor? {
        try await gateway.store.watcherCursor(named: "w")
    }

    /// Waits until `condition` holds, checking every 50 ms; fails after `seconds` (a bound for a
    /// broken build, far above what a working one needs).
    func wait(_ what: String, seconds: Double = 60, until condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        let cursor = try? await cursor()
        Issue.record("timed out waiting for \(what); cursor: \(String(describing: cursor)); last log lines: \(logs.all.suffix(5))")
        throw HarnessError("timed out waiting for \(what)")
    }

    /// Waits until the watcher has recorded `steps` more steps (reads of its source).
    func waitForSteps(_ steps: Int) async throws {
        var seen: [Date] = []
        try await wait("\(steps) watcher steps") {
            if let saved = try await cursor()?.savedAt, saved != seen.last { seen.append(saved) }
            return seen.count > steps
        }
    }
}

/// Keeps every log line (message and metadata) for checks on what may be logged.
final class LogCapture: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .info }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        lines.withLock { $0.append("\(event.level) \(event.message) \(metadata)") }
    }
}
