import Foundation
import LoaCore
public import LoaStore
public import Logging
import PostgresNIO

/// The store for several Loa nodes: one PostgreSQL database shared by every `loa serve` and
/// `loa worker`, reached through a connection pool.
///
/// Semantics are the embedded driver's (the shared conformance suite checks both); what differs
/// is concurrency. Claims lock the rows they take with `FOR UPDATE SKIP LOCKED`, so any number of
/// processes share the outbox without claiming a message twice; a transaction that loses a race
/// (deadlock, serialization failure, or a unique key another node inserted first) is run again
/// from the start, so the same rules apply as if the writes had come one after the other.
///
/// The pool runs from ``init(url:logger:)`` until ``close()``:
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://loa@127.0.0.1:5432/loa", logger: logger)
/// try await store.migrate()          // under an advisory lock: safe from several nodes at once
/// …
/// await store.close()                // after the last write
/// ```
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    /// Lends connections, waiting at most the URL's `connect_timeout` for one.
    let connections: ConnectionWait
    /// Lends the migrations their connection, waiting longer (see ``init(url:migrationWait:logger:)``).
    private let migrationConnections: ConnectionWait
    private let pool: Task<Void, Never>

    /// Starts a pool of connections to the database `url` names (`postgres://user:password@host:port/database`,
    /// `?sslmode=disable|prefer|require`, `?pool=N` connections at most, `?connect_timeout=S`
    /// seconds an operation waits for a connection, 5 by default). Connections are opened when
    /// first needed; a database that is away makes operations fail with ``StoreUnavailableError``
    /// after that wait, until it is back (the pool reconnects by itself).
    ///
    /// ``migrate()`` waits longer for its connection, `migrationWait` (or `connect_timeout` if
    /// that is longer): a node starting beside a database that is starting too, or on a loaded
    /// machine, waits for it; one started while the database is away fails after that.
    public init(url: String, migrationWait: Duration = .seconds(30), logger: Logger) throws {
        let configuration = try PostgresURL.parse(url)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.connections = ConnectionWait(client: client, limit: configuration.options.connectTimeout)
        self.migrationConnections = ConnectionWait(client: client, limit: max(configuration.options.connectTimeout, migrationWait))
        let client = self.client
        self.pool = Task { await client.run() }
    }

    /// Closes the pool: waits for the operations under way, then closes every connection.
    public func close() async {
        pool.cancel()
        await pool.value
    }

    public func migrate() async throws {
        try await unavailableMapped { try await PostgresSchema.migrate(migrationConnections, logger: logger) }
    }

    /// How many times a transaction that lost a race with another is run again.
    static let attemptsPerTransaction = 8

    /// One read-write transaction, run again from the start when it lost a race with another
    /// (SQLSTATE 40001, 40P01, 23505); a database that cannot be reached or cannot take writes
    /// becomes ``StoreUnavailableError``.
    func write<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await unavailableMapped {
                    try await connections.run { connection in
                        try await connection.query("BEGIN", logger: logger)
                        do {
                            let value = try await body(connection)
                            try await connection.query("COMMIT", logger: logger)
                            return value
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            throw error
                        }
                    }
                }
            } catch let error as PSQLError where attempt < PostgresStore.attemptsPerTransaction && PostgresStore.lostRace(error) {
                attempt += 1
                await Task.yield()
            }
        }
    }

    /// Reads on one pooled connection (each statement sees what was committed when it started).
    func read<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await unavailableMapped {
            try await connections.run { connection in try await body(connection) }
        }
    }

    /// SQLSTATEs of a transaction that lost a race with another and may simply run again.
    static let retriedStates: Set<String> = ["40001", "40P01", "23505"]

    static func lostRace(_ error: PSQLError) -> Bool {
        error.serverInfo?[.sqlState].map(retriedStates.contains) ?? false
    }

    /// Runs `body`; connection failures and "cannot write now" states (disk full, read-only,
    /// shutting down, too many connections) become ``StoreUnavailableError``.
    private func unavailableMapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                // 53: insufficient resources; 57P0x: shutting down; 08: connection exception;
                // 25006: read-only transaction (a standby).
                if state.hasPrefix("53") || state.hasPrefix("57P0") || state.hasPrefix("08") || state == "25006" {
                    throw StoreUnavailableError(reason: "postgres \(state): \(error.serverInfo?[.message] ?? "")")
                }
                throw error
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                throw StoreUnavailableError(reason: "postgres: \(error.code)")
            default:
                throw error
            }
        }
    }
}

/// The database holds a value this version of Loa cannot read.
struct StoreCorruption: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
