import Logging
import PostgresNIO

/// The Loa tables of a PostgreSQL database as ``StoreCopy`` writes them: each table's columns
/// with their types, and which columns draw from a sequence (identity columns). The migration
/// log (`loa_migrations`) is not a Loa table here.
struct TargetSchema {
    /// One column of a target table.
    struct Column: Equatable {
        let name: String
        /// `information_schema.columns.data_type`: `bigint`, `text`, `bytea`, …
        let type: String
        /// NOT NULL without a default: a copy must give it a value.
        let required: Bool
    }

    /// The tables, by name, in name order.
    let tables: [String]
    private let columnsByTable: [String: [Column]]
    /// (table, column) of every column filled from a sequence.
    let sequenced: [(table: String, column: String)]

    /// Reads the schema of the current database.
    static func read(_ session: PostgresSession, logger: Logger) async throws -> TargetSchema {
        let rows = try await session.rows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text,
                   c.is_nullable = 'NO' AND c.column_default IS NULL AND c.is_identity = 'NO',
                   pg_get_serial_sequence(format('%I', c.table_name), c.column_name) IS NOT NULL
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'loa_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """, logger: logger)
        var tables: [String] = []
        var columns: [String: [Column]] = [:]
        var sequenced: [(String, String)] = []
        for row in rows {
            let table = try row[0].decode(String.self), name = try row[1].decode(String.self)
            let type = try row[2].decode(String.self), required = try row[3].decode(Bool.self), fromSequence = try row[4].decode(Bool.self)
            if columns[table] == nil { tables.append(table) }
            columns[table, default: []].append(Column(name: name, type: type, required: required))
            if fromSequence { sequenced.append((table, name)) }
        }
        return TargetSchema(tables: tables, columnsByTable: columns, sequenced: sequenced)
    }

    /// The tables with triggers of their own (not the ones PostgreSQL makes for constraints).
    func tablesWithTriggers(_ session: PostgresSession, logger: Logger) async throws -> [String] {
        let rows = try await session.rows("""
            SELECT DISTINCT c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
            WHERE NOT g.tgisinternal AND c.relnamespace = current_schema()::regnamespace
            ORDER BY 1
            """, logger: logger)
        return try rows.map { try $0[0].decode(String.self) }.filter(tables.contains)
    }

    /// The columns of `table` a copy fills: the target's columns the source has too, in the
    /// target's order. Throws when the target requires a column the source lacks, or the
    /// source has a column the target would drop.
    func columns(of table: String, copiedFrom sourceColumns: [String]) throws -> [Column] {
        let target = columnsByTable[table] ?? []
        let targetNames = Set(target.map(\.name))
        if let dropped = sourceColumns.first(where: { !targetNames.contains($0) }) {
            throw StoreCopyError.columnDropped(table: table, column: dropped)
        }
        let source = Set(sourceColumns)
        if let missing = target.first(where: { $0.required && !source.contains($0.name) }) {
            throw StoreCopyError.columnMissing(table: table, column: missing.name)
        }
        return target.filter { source.contains($0.name) }
    }
}
