import Foundation
import LoaStore
public import Logging
import PostgresNIO

/// Moves a SQLite deployment to an empty PostgreSQL database: every table, row for row, in one
/// PostgreSQL transaction (`loa migrate --from sqlite:PATH --to postgres://…`).
///
/// Both stores are migrated to the current schema first. Inside the transaction, every Loa table
/// of the target is locked against writers and must be empty (``StoreCopyError/targetNotEmpty(table:rows:)``);
/// each table is then copied by column name with `COPY … FROM STDIN`, a page of rows at a time
/// read from one snapshot of the SQLite file. Triggers of the target (the hourly rollup
/// `message_hours` kept on `messages`) are off while the rows come in, since the rollup is
/// copied as it is; identity columns continue past the largest id copied. Before `COMMIT`, each
/// table's row count in the target must equal the source's; any failure rolls everything back
/// and leaves the target empty.
///
/// ```swift
/// let summary = try await StoreCopy(sqlitePath: "loa.sqlite", postgresURL: url, logger: logger)
///     .run { progress in print(progress.table, progress.copied, progress.total) }
/// ```
public struct StoreCopy: Sendable {
    /// How far the copy of one table has come.
    public struct Progress: Sendable, Equatable {
        public let table: String
        public let copied: Int
        public let total: Int
    }

    /// What was copied and how long it took.
    public struct Summary: Sendable, Equatable {
        public let tables: Int
        public let rows: Int
        public let seconds: Double
    }

    let sqlitePath: String
    let postgresURL: String
    let logger: Logger
    /// Rows per page read from SQLite and written to COPY: memory stays bounded by one page.
    let pageSize: Int

    public init(sqlitePath: String, postgresURL: String, logger: Logger, pageSize: Int = 5_000) {
        self.sqlitePath = sqlitePath
        self.postgresURL = postgresURL
        self.logger = logger
        self.pageSize = pageSize
    }

    /// Migrates both stores, then copies; `progress` hears of each table's start and each page.
    public func run(progress: @Sendable (Progress) -> Void) async throws -> Summary {
        let started = ContinuousClock.now
        let source = try SQLiteStore(path: sqlitePath)
        try await source.migrate()
        let export = try SQLiteTableExport(store: source)
        let target = try PostgresStore(url: postgresURL, logger: logger)
        do {
            // migrate() waits for a connection as long as the database is away: first make sure
            // it is there, within the URL's connect_timeout.
            do {
                try await target.connections.run { session in try await session.query("SELECT 1", logger: logger) }
            } catch let error as StoreUnavailableError {
                throw StoreCopyError.database(state: "unreachable", message: "no connection to \(StoreLocation.postgres(url: postgresURL)) (\(error.reason))")
            }
            try await target.migrate()
            let rows = try await target.connections.run { session in
                try await transaction(session) { try await copy(from: export, to: session, progress: progress) }
            }
            await target.close()
            let elapsed = ContinuousClock.now - started
            return Summary(tables: rows.count, rows: rows.values.reduce(0, +),
                           seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch let error as PSQLError {
            await target.close()
            // postgres-nio describes its errors vaguely on purpose; the state and the server's
            // message say what went wrong (not its detail, which may quote a row).
            throw StoreCopyError.database(state: error.serverInfo?[.sqlState] ?? "\(error.code)", message: error.serverInfo?[.message] ?? "")
        } catch {
            await target.close()
            throw error
        }
    }

    /// Runs `body` between BEGIN and COMMIT, rolling back when it throws.
    private func transaction<T>(_ session: PostgresSession, _ body: () async throws -> T) async throws -> T {
        try await session.query("BEGIN", logger: logger)
        do {
            let value = try await body()
            try await session.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await session.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Copies every table inside the open transaction; returns each table's row count.
    private func copy(from export: SQLiteTableExport, to session: PostgresSession,
                      progress: (Progress) -> Void) async throws -> [String: Int] {
        let schema = try await TargetSchema.read(session, logger: logger)
        let tables = schema.tables
        try await session.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(tables.map(quoted).joined(separator: ", ")) IN EXCLUSIVE MODE"), logger: logger)
        for table in tables {
            let rows = try await count(table, session)
            if rows > 0 { throw StoreCopyError.targetNotEmpty(table: table, rows: rows) }
        }
        let sourceTables = Set(try await export.tables())
        for table in sourceTables.subtracting(tables).sorted() {
            let rows = try await export.count(of: table)
            if rows > 0 { throw StoreCopyError.tableMissing(table: table, rows: rows) }
        }
        let triggered = try await schema.tablesWithTriggers(session, logger: logger)
        for table in triggered {
            try await session.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(quoted(table)) DISABLE TRIGGER USER"), logger: logger)
        }
        var counts: [String: Int] = [:]
        for table in tables {
            guard sourceTables.contains(table) else {
                throw StoreCopyError.tableMissing(table: table, rows: 0)
            }
            let columns = try schema.columns(of: table, copiedFrom: try await export.columns(of: table))
            let total = try await export.count(of: table)
            progress(Progress(table: table, copied: 0, total: total))
            var copied = 0
            try await session.connection.copyFrom(table: table, columns: columns.map(\.name), logger: logger) { writer in
                var pages = try await export.pages(of: table, columns: columns.map(\.name), size: pageSize)
                while let rows = try await pages.next() {
                    try await writer.write(try Self.buffer(rows, columns: columns, table: table))
                    copied += rows.count
                    progress(Progress(table: table, copied: copied, total: total))
                }
            }
            counts[table] = total
        }
        for table in triggered {
            try await session.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(quoted(table)) ENABLE TRIGGER USER"), logger: logger)
        }
        for (table, column) in schema.sequenced {
            try await session.query(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('\(quoted(table))', '\(column)'),
                              COALESCE((SELECT MAX(\(quoted(column))) FROM \(quoted(table))), 0) + 1, false)
                """), logger: logger)
        }
        for table in tables {
            let copied = try await count(table, session)
            guard copied == counts[table] else {
                throw StoreCopyError.countMismatch(table: table, source: counts[table] ?? 0, target: copied)
            }
        }
        return counts
    }

    /// One page of rows as COPY text: tab between fields, newline after each row.
    static func buffer(_ rows: [[StoredValue]], columns: [TargetSchema.Column], table: String) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                do {
                    buffer.writeString(try CopyText.field(value, type: columns[index].type))
                } catch {
                    throw StoreCopyError.unconvertible(table: table, column: columns[index].name, storage: error.storage, type: error.type)
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return buffer
    }

    private func count(_ table: String, _ session: PostgresSession) async throws -> Int {
        try await session.value(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(quoted(table))"), as: Int.self, logger: logger) ?? 0
    }
}

/// An identifier quoted for PostgreSQL.
private func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Why ``StoreCopy`` stopped (the target was left as it was). Names tables, columns and counts,
/// never a value.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A Loa table of the target already holds rows.
    case targetNotEmpty(table: String, rows: Int)
    /// A table with rows on one side has no counterpart on the other.
    case tableMissing(table: String, rows: Int)
    /// A target column that needs a value (NOT NULL, no default) is not in the source.
    case columnMissing(table: String, column: String)
    /// A source column has no counterpart in the target: its values would be lost.
    case columnDropped(table: String, column: String)
    /// A value the target column's type cannot take.
    case unconvertible(table: String, column: String, storage: String, type: String)
    /// After the copy, the target's row count differs from the source's.
    case countMismatch(table: String, source: Int, target: Int)
    /// PostgreSQL failed a statement, or could not be reached (SQLSTATE or connection error, and the server's message).
    case database(state: String, message: String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let table, let rows):
            return "the target is not empty: table \(table) holds \(rows) row\(rows == 1 ? "" : "s"); migrate into a new, empty database"
        case .tableMissing(let table, let rows):
            return "table \(table) (\(rows) rows) exists in only one of the stores; are both of the same Loa version?"
        case .columnMissing(let table, let column):
            return "the target column \(table).\(column) needs a value and the source has no such column"
        case .columnDropped(let table, let column):
            return "the source column \(table).\(column) has no counterpart in the target; its values would be lost"
        case .unconvertible(let table, let column, let storage, let type):
            return "\(table).\(column): a SQLite \(storage) value cannot go into a PostgreSQL \(type) column"
        case .countMismatch(let table, let source, let target):
            return "count check failed for table \(table): \(source) rows in the source, \(target) in the target; nothing was copied"
        case .database(let state, let message):
            return "PostgreSQL: \(message.isEmpty ? state : "\(message) (\(state))"); nothing was copied"
        }
    }
}
