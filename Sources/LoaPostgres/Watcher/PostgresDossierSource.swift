import Foundation
import LoaCore
public import LoaStore
public import Logging
import NIOSSL
import PostgresNIO

/// A table or view of dossiers in another PostgreSQL database, read by a dossier watcher.
///
/// Loa changes nothing there unless asked: reading needs only `SELECT` (and, to hold the read
/// horizon behind long transactions of other roles, `pg_read_all_stats`); ``installTrigger()``
/// adds one statement trigger and its function that announce changes with `NOTIFY`, and
/// ``uninstallTrigger()`` removes both.
///
/// ```swift
/// let source = try PostgresDossierSource(url: url, table: table, watcher: "motcua", logger: logger)
/// let connection = try await source.connect()
/// let horizon = try await connection.horizon(safetyLagSeconds: 2)
/// let batch = try await connection.changes(after: cursor, limit: 500, horizon: horizon)
/// await connection.close()
/// ```
public struct PostgresDossierSource: Sendable {
    /// The table or view and its columns.
    public let table: WatchedTable
    /// The channel changes are announced on, and the name of the trigger and its function:
    /// `loa_watch_<watcher>` (`-` written `_`).
    public let channel: String
    /// The session time zone a `timestamp without time zone` column is read in; nil: the server's.
    public let timeZone: String?
    let configuration: PostgresConnection.Configuration
    let logger: Logger

    /// A source reached through `url` (`postgres://user:password@host:port/database`, with
    /// `?sslmode=` as for `database.url`); throws ``StoreLocation/Invalid`` for a URL it cannot use.
    public init(url: String, table: WatchedTable, watcher name: String, timeZone: String? = nil, logger: Logger) throws {
        let client = try PostgresURL.parse(url)
        let tls: PostgresConnection.Configuration.TLS
        switch URLComponents(string: url)?.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration: PostgresConnection.Configuration
        if let socket = client.unixSocketPath {
            configuration = .init(unixSocketPath: socket, username: client.username, password: client.password, database: client.database)
        } else {
            configuration = .init(
                host: client.host ?? "127.0.0.1", port: client.port ?? 5432, username: client.username, password: client.password,
                database: client.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        self.configuration = configuration
        self.table = table
        self.timeZone = timeZone
        self.channel = "loa_watch_" + name.replacingOccurrences(of: "-", with: "_")
        self.logger = logger
    }

    /// Opens a connection of its own to the source, in ``timeZone`` when one is set.
    public func connect() async throws -> DossierSourceConnection {
        let session = try await open()
        return DossierSourceConnection(session: session, table: table, channel: channel, logger: logger)
    }

    private func open() async throws -> PostgresSession {
        let session = PostgresSession(watching: try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger))
        do {
            if let timeZone {
                try await session.query("SELECT set_config('TimeZone', \(timeZone), false)", logger: logger)
            }
            return session
        } catch {
            try? await session.connection.close()
            throw error
        }
    }

    /// Creates (or replaces) the trigger that announces every insert and update of the table on
    /// ``channel``, in one transaction; refuses a view, which cannot carry it.
    public func installTrigger() async throws {
        try await withTransaction { connection in
            try await refuseView(connection)
            try await connection.query(PostgresQuery(unsafeSQL: """
                CREATE OR REPLACE FUNCTION \(functionName)() RETURNS trigger LANGUAGE plpgsql AS $loa$
                BEGIN
                    PERFORM pg_notify('\(channel)', '');
                    RETURN NULL;
                END
                $loa$
                """), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TRIGGER IF EXISTS \(Self.quoted(channel)) ON \(relation)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: """
                CREATE TRIGGER \(Self.quoted(channel)) AFTER INSERT OR UPDATE ON \(relation)
                FOR EACH STATEMENT EXECUTE FUNCTION \(functionName)()
                """), logger: logger)
        }
    }

    /// Removes the trigger and its function; returns false when there was no trigger.
    @discardableResult
    public func uninstallTrigger() async throws -> Bool {
        try await withTransaction { connection in
            let existed = try await hasTrigger(connection)
            if try await isTable(connection) {
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TRIGGER IF EXISTS \(Self.quoted(channel)) ON \(relation)"), logger: logger)
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP FUNCTION IF EXISTS \(functionName)()"), logger: logger)
            return existed
        }
    }

    /// Whether the table carries the trigger ``installTrigger()`` creates.
    public func hasTrigger() async throws -> Bool {
        try await withTransaction { try await hasTrigger($0) }
    }

    // MARK: Names

    /// The relation, each part double-quoted (checked by ``WatchedTable/isRelation(_:)`` when
    /// configuration was read; quoted again here so no name is ever SQL).
    var relation: String {
        table.relation.split(separator: ".").map { Self.quoted(String($0)) }.joined(separator: ".")
    }

    /// The trigger function, in the table's schema when the table names one.
    private var functionName: String {
        let parts = table.relation.split(separator: ".")
        return parts.count == 2 ? "\(Self.quoted(String(parts[0]))).\(Self.quoted(channel))" : Self.quoted(channel)
    }

    /// `name` as a double-quoted SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Helpers

    private func withTransaction<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        let session = try await open()
        do {
            try await session.query("BEGIN", logger: logger)
            let value = try await body(session)
            try await session.query("COMMIT", logger: logger)
            try await session.connection.close()
            return value
        } catch {
            try? await session.connection.close()
            throw error
        }
    }

    private func relationKind(_ connection: PostgresSession) async throws -> String {
        guard let kind = try await connection.value("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(\(relation))", as: String.self, logger: logger) else {
            throw WatchedTableMissing(relation: table.relation)
        }
        return kind
    }

    private func isTable(_ connection: PostgresSession) async throws -> Bool {
        ["r", "p"].contains(try await relationKind(connection))
    }

    private func refuseView(_ connection: PostgresSession) async throws {
        guard try await isTable(connection) else {
            throw WatchedTableIsView(relation: table.relation)
        }
    }

    private func hasTrigger(_ connection: PostgresSession) async throws -> Bool {
        let count = try await connection.value("""
            SELECT count(*)::bigint FROM pg_trigger WHERE tgrelid = to_regclass(\(relation)) AND tgname = \(channel)
            """, as: Int64.self, logger: logger)
        return (count ?? 0) > 0
    }
}

/// The watched table does not exist in the source database (or the role may not see it).
public struct WatchedTableMissing: Error, CustomStringConvertible {
    public let relation: String
    public var description: String { "the source database has no table or view \(relation) that this role can see; check watchers.<name>.table and the role's grants" }
}

/// A view was asked to carry the notification trigger.
public struct WatchedTableIsView: Error, CustomStringConvertible {
    public let relation: String
    public var description: String {
        "\(relation) is a view, which cannot carry the notification trigger; install a trigger on the tables behind it yourself (pg_notify on the watcher's channel), or rely on polling"
    }
}
