import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

/// One open connection to a watched source: reads changes in (updated-at, id) order behind a
/// safe horizon, or listens for the trigger's notifications.
///
/// **The read horizon.** A row's updated-at is usually stamped when its transaction writes it
/// (`now()` is even the transaction's start), but the row becomes visible only at commit: a
/// transaction may stamp 10:00:00 and commit after another one stamped 10:00:01 was already
/// read. Reading past such a row would pass it over for good. So each read first fixes a
/// horizon: the source's clock minus the safety lag, held back further to the start of the
/// oldest transaction still open in the source database (`pg_stat_activity.xact_start`); only
/// rows stamped before it are read, in a later statement (a fresh snapshot), so every
/// transaction that could still commit a row stamped before the horizon was already committed
/// when the rows are read. The lag covers what `pg_stat_activity` cannot show: rows stamped by
/// a client's clock, stamps rounded down by a column of reduced precision, and other roles'
/// transactions when this role lacks `pg_read_all_stats` (``canSeeOtherRolesTransactions()``).
///
/// **Time zones.** A `timestamp without time zone` column is read as a wall-clock time in the
/// session's time zone (`watchers.<name>.timeZone`, else the server's default), in the
/// comparisons and in the instant read alike, so the cursor and the horizon agree.
///
/// Every statement runs through ``PostgresSession``: one written to a connection the server has
/// just closed ends with an error instead of waiting for ever (postgres-nio 1.33 loses it).
public struct DossierSourceConnection: Sendable {
    let session: PostgresSession
    let table: WatchedTable
    let channel: String
    let logger: Logger

    /// The read horizon and what holds it back.
    public struct Horizon: Sendable, Equatable {
        /// Microseconds since 1970: changes stamped before it can be read.
        public var micros: Int64
        /// How long the oldest transaction still open in the source has been open, when it (not
        /// the safety lag) holds the horizon back; nil otherwise.
        public var heldBySeconds: Double?
    }

    /// Up to `limit` changes after `position` (from the start when nil), stamped before the
    /// read horizon (see the type's notes); the batch says how far everything has been read.
    public func changes(after position: WatcherPosition?, limit: Int, horizon: Horizon) async throws -> DossierChangeBatch {
        let columns = table.columns
        func text(_ column: String?) -> String {
            column.map { "t.\(PostgresDossierSource.quoted($0))::text" } ?? "NULL::text"
        }
        let id = "t.\(PostgresDossierSource.quoted(columns.id))::text COLLATE \"C\""
        let updatedAt = "t.\(PostgresDossierSource.quoted(columns.updatedAt))"
        // The column's own type on the left of each comparison (an index on it stays usable);
        // `::timestamptz` only where the instant is read, in the session's time zone as the
        // comparisons are.
        let select = """
            SELECT \(text(columns.id)), (extract(epoch FROM \(updatedAt)::timestamptz) * 1000000)::bigint,
                \(text(columns.code)), \(text(columns.status)), \(text(columns.procedure)), \(text(columns.commune)),
                \(text(columns.phone)), \(text(columns.name)), \(text(columns.locale)), \(text(columns.dueDate)), \(text(columns.note))
            FROM \(relation) t
            WHERE \(updatedAt) < 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'
            """
        var bindings = PostgresBindings()
        bindings.append(horizon.micros)
        var sql = select
        if let position {
            sql += " AND (\(updatedAt), \(id)) > ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::text COLLATE \"C\")"
            bindings.append(position.updatedAtMicros)
            bindings.append(position.rowId)
        }
        sql += " ORDER BY \(updatedAt), \(id) LIMIT \(limit)"
        var changes: [DossierChange] = []
        for row in try await session.rows(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            func value(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
            guard let rowId = try value(0), let micros = try row[1].decode(Int64?.self) else { continue }
            changes.append(DossierChange(
                position: WatcherPosition(updatedAtMicros: micros, rowId: rowId),
                code: try value(2), status: try value(3), procedure: try value(4), commune: try value(5),
                phone: try value(6), name: try value(7), locale: try value(8), dueDate: try value(9), note: try value(10)))
        }
        let readThrough = changes.count == limit ? changes[changes.count - 1].position.updatedAtMicros : horizon.micros
        return DossierChangeBatch(changes: changes, readThrough: Date(microsecondsSince1970: readThrough))
    }

    /// The read horizon now, in a statement of its own before the rows are read: the source's
    /// clock less the safety lag, and no later than the start of the oldest transaction open
    /// in this database (other than this connection's).
    public func horizon(safetyLagSeconds: Double) async throws -> Horizon {
        let lagMicros = Int64((safetyLagSeconds * 1_000_000).rounded())
        let rows = try await session.rows("""
            WITH clock AS (
                SELECT now() - \(lagMicros)::bigint * interval '1 microsecond' AS lagged,
                    (SELECT min(xact_start) FROM pg_stat_activity
                     WHERE datname = current_database() AND backend_type = 'client backend'
                       AND pid <> pg_backend_pid() AND xact_start IS NOT NULL) AS oldest
            )
            SELECT (extract(epoch FROM LEAST(lagged, COALESCE(oldest, 'infinity'::timestamptz))) * 1000000)::bigint,
                CASE WHEN oldest < lagged THEN extract(epoch FROM now() - oldest)::float8 END
            FROM clock
            """, logger: logger)
        guard let row = rows.first, let micros = try row[0].decode(Int64?.self) else {
            throw WatchedTableMissing(relation: table.relation)
        }
        return Horizon(micros: micros, heldBySeconds: try row[1].decode(Double?.self))
    }

    /// Takes the watcher's lock in the source database for as long as this connection lives
    /// (`pg_try_advisory_lock` on the channel's name): one node reads a source at a time, the
    /// others wait to take over. False when another connection holds it.
    public func lead() async throws -> Bool {
        try await session.value("SELECT pg_try_advisory_lock(hashtext(\(channel))::bigint)", as: Bool.self, logger: logger) ?? false
    }

    /// Whether this role sees other roles' open transactions (a superuser, or a member of
    /// `pg_read_all_stats`); without it only the safety lag covers theirs.
    public func canSeeOtherRolesTransactions() async throws -> Bool {
        try await session.value("SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')", as: Bool.self, logger: logger) ?? false
    }

    /// Calls `wake` for every notification of the watcher's channel (the trigger's) until the
    /// task is cancelled or the connection is lost (then it throws). Cancelling closes the
    /// connection, so that no statement (an `UNLISTEN` written to a dead connection) is left waiting.
    public func listen(_ wake: @escaping @Sendable () -> Void) async throws {
        let connection = session.connection
        let channel = channel
        let life = session.life
        let closed = OneShot<[PostgresRandomAccessRow]>()
        guard life.watch(closed) else { throw ConnectionLife.closedError }
        defer { life.unwatch(closed) }
        let listening = Task {
            do {
                try await connection.listen(on: channel) { notifications in
                    for try await _ in notifications { wake() }
                }
                closed.resolve(.success([]))
            } catch {
                closed.resolve(.failure(error))
            }
        }
        try await withTaskCancellationHandler {
            _ = try await closed.value()
        } onCancel: {
            listening.cancel()
            connection.close().whenComplete { _ in }
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await session.connection.close()
    }

    private var relation: String {
        table.relation.split(separator: ".").map { PostgresDossierSource.quoted(String($0)) }.joined(separator: ".")
    }
}
