import Foundation
import LoaConfig
import LoaCore
import LoaPostgres
import LoaStore
import LoaWorker
import Logging
import PostgresNIO
public import ServiceLifecycle

/// A dossier watcher (`watchers.<name>`), a service of `loa serve` and `loa worker`: turns each
/// change of a table of dossiers in another PostgreSQL database into the dossier event the HTTP
/// API would take, with the same rules (``DossierEventParser``), the same idempotency
/// (`source` = the watcher's name, `eventId` = row id, updated-at and status) and group commit.
///
/// It reads in (updated-at, id) order after a cursor kept in Loa's store (``WatcherCursors``),
/// behind a read horizon that no transaction still open can commit before
/// (``DossierSourceConnection``); it reads at once when the source's trigger notifies a change
/// (`loa watcher install-trigger`) and every `poll` otherwise. A change is saved in the cursor
/// only after its event is committed: a crash in between reads it again, and the repeat is a
/// duplicate, so each change becomes exactly one event. While the source (or Loa's store) is
/// away it logs a warning without personal data, records the error for `loa status` and tries
/// again after a doubling backoff.
public struct DossierWatcher: Service {
    let configuration: GatewayConfiguration.Watcher
    let source: PostgresDossierSource
    let parser: DossierEventParser
    let events: GroupCommitter<DossierEvent, IngestOutcome>
    let cursors: any WatcherCursors
    let logger: Logger

    init(
        configuration: GatewayConfiguration.Watcher, parser: DossierEventParser, events: GroupCommitter<DossierEvent, IngestOutcome>,
        cursors: any WatcherCursors, logger: Logger
    ) throws {
        self.configuration = configuration
        self.source = try PostgresDossierSource(
            url: configuration.url, table: configuration.table, watcher: configuration.name, timeZone: configuration.timeZone, logger: logger)
        self.parser = parser
        self.events = events
        self.cursors = cursors
        var logger = logger
        logger[metadataKey: "watcher.name"] = "\(configuration.name)"
        self.logger = logger
    }

    /// Watches until graceful shutdown (or cancellation).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            let wake = WorkSignal()
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.listen(wake) }
                group.addTask { await self.watch(wake) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    // MARK: Reading

    private func watch(_ wake: WorkSignal) async {
        let backoff = WatcherBackoff(maxSeconds: configuration.maxBackoffSeconds)
        var position: WatcherPosition?
        var loaded = false
        var failures = 0
        var connection: DossierSourceConnection?
        var following = false
        var lastHoldWarning: ContinuousClock.Instant?
        while !Task.isCancelled {
            do {
                let open: DossierSourceConnection
                if let connection { open = connection } else {
                    open = try await source.connect()
                    connection = open
                    guard try await open.lead() else {
                        // Another node reads this source; wait to take over if it goes.
                        if !following { logger.info("another Loa node reads this watcher's source; this node takes over if it stops") }
                        following = true
                        await open.close()
                        connection = nil
                        try await Task.sleep(for: .seconds(max(configuration.pollSeconds, 1)))
                        continue
                    }
                    if following { logger.info("this node now reads the watcher's source") }
                    following = false
                    // The leader reloads the cursor: another node may have moved it.
                    loaded = false
                    if try await !open.canSeeOtherRolesTransactions() {
                        logger.warning("the watcher's role cannot see other roles' open transactions (grant it pg_read_all_stats); only watchers.<name>.safetyLag covers a change they commit late")
                    }
                }
                if !loaded {
                    position = try await cursors.watcherCursor(named: configuration.name)?.position
                    loaded = true
                }
                let horizon = try await open.horizon(safetyLagSeconds: configuration.safetyLagSeconds)
                if position == nil, !configuration.startsAtBeginning {
                    let start = WatcherPosition(updatedAtMicros: horizon.micros, rowId: "")
                    try await cursors.recordWatcherStep(WatcherStep(
                        name: configuration.name, position: start, readThrough: Date(microsecondsSince1970: start.updatedAtMicros), at: Date()))
                    logger.info("the dossier watcher starts from now: changes made before are not sent (watchers.<name>.start: beginning reads them)")
                    position = start
                }
                if let held = horizon.heldBySeconds, held > 60, lastHoldWarning.map({ ContinuousClock.now - $0 > .seconds(300) }) ?? true {
                    lastHoldWarning = .now
                    logger.warning("a transaction open in the source database holds the watcher back (changes stamped after it began wait until it ends)", metadata: [
                        "watcher.heldSeconds": "\(Int(held))",
                    ])
                }
                let batch = try await open.changes(after: position, limit: configuration.batchSize, horizon: horizon)
                let rejected = try await ingest(batch.changes)
                try await cursors.recordWatcherStep(WatcherStep(
                    name: configuration.name, position: batch.changes.last?.position, readThrough: batch.readThrough,
                    changes: batch.changes.count, rejected: rejected, at: Date()))
                position = batch.changes.last?.position ?? position
                if failures > 0 {
                    logger.warning("the dossier watcher reads its source again", metadata: ["watcher.failures": "\(failures)"])
                    failures = 0
                }
                if batch.changes.count == configuration.batchSize { continue }
                try await idle(wake)
            } catch {
                if Task.isCancelled { break }
                failures += 1
                await connection?.close()
                connection = nil
                let reason = Self.describe(error)
                let delay = backoff.seconds(afterFailures: failures)
                logger.warning("the dossier watcher cannot read its source or commit its events; trying again", metadata: [
                    "error": "\(reason)", "watcher.failures": "\(failures)", "watcher.retryInSeconds": "\(delay)",
                ])
                try? await cursors.recordWatcherStep(WatcherStep(name: configuration.name, error: reason, at: Date()))
                try? await Task.sleep(for: .seconds(delay))
            }
        }
        await connection?.close()
    }

    /// Waits for the next poll, or for a notification and then the safety lag (a change is
    /// read once it is older than the lag).
    private func idle(_ wake: WorkSignal) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let poll = Duration.seconds(configuration.pollSeconds)
        await wake.wait(timeout: poll)
        try Task.checkCancellation()
        if clock.now - started < poll, configuration.safetyLagSeconds > 0 {
            try await Task.sleep(for: .seconds(configuration.safetyLagSeconds))
        }
    }

    /// Commits the changes as events; returns how many were rejected (each logged).
    private func ingest(_ changes: [DossierChange]) async throws -> Int {
        var valid: [(change: DossierChange, event: DossierEvent)] = []
        var rejected = 0
        for change in changes {
            do {
                valid.append((change, try parser.parse(change.eventDocument(source: configuration.name))))
            } catch {
                rejected += 1
                log(error, change)
            }
        }
        guard !valid.isEmpty else { return rejected }
        let outcomes = try await events.commit(valid.map(\.event))
        for (entry, outcome) in zip(valid, outcomes) {
            if case .rejected(let rejection) = outcome {
                rejected += 1
                log(rejection, entry.change)
            }
        }
        return rejected
    }

    /// A rejected change, with the row's id and the field: never the phone number or the note.
    private func log(_ rejection: IngestRejection, _ change: DossierChange) {
        let personal = ["applicant.phone", "applicant.name", "note"].contains(rejection.field ?? "")
        logger.warning("a change of the watched table breaks the event rules and sends nothing; fix the row (its next change is read again)", metadata: [
            "watcher.rowId": "\(change.position.rowId)",
            "dossier.code": "\(change.code ?? "-")",
            "error.code": "\(rejection.code)",
            "error.field": "\(rejection.field ?? "-")",
            "error.message": "\(personal ? "(not logged: personal data)" : rejection.message)",
        ])
    }

    // MARK: Notifications

    /// Listens for the trigger's notifications on a connection of its own, waking the reader
    /// for each; reconnects after a doubling backoff. Without a trigger nothing arrives and
    /// polling does the work.
    private func listen(_ wake: WorkSignal) async {
        let backoff = WatcherBackoff(maxSeconds: configuration.maxBackoffSeconds)
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await source.connect()
                failures = 0
                do {
                    try await connection.listen { wake.signal() }
                } catch {
                    await connection.close()
                    throw error
                }
                await connection.close()
            } catch {
                if Task.isCancelled { return }
                failures += 1
                logger.debug("the dossier watcher's notifications are away; polling meanwhile", metadata: ["error": "\(Self.describe(error))"])
                try? await Task.sleep(for: .seconds(backoff.seconds(afterFailures: failures)))
            }
        }
    }

    /// A short reason for logs and `loa status`: what PostgreSQL said, never a row's values
    /// (every statement binds them).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "source \(error.serverInfo?[.sqlState] ?? ""): \(message)"
            }
            return "source unreachable (\(error.code))"
        }
        if error is StoreUnavailableError { return "Loa's store is unavailable: \(error)" }
        return "\(error)"
    }
}
