import Foundation
import GRDB

/// One value of a SQLite row as it is stored: SQLite's five storage classes. What a copy to
/// another store reads (``SQLiteTableExport``); the other store decides how to write it.
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let integer): return integer.databaseValue
        case .real(let real): return real.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return bytes.withUnsafeBufferPointer { Data(buffer: $0) }.databaseValue
        }
    }
}

/// A SQLite store's tables read for a copy to another store (`loa migrate --from sqlite:… --to …`):
/// their columns, their row counts, and their rows page by page, all from one snapshot of the
/// file, so the counts and the rows agree even if something writes to it meanwhile.
///
/// Pages follow each table's primary key (the rowid for a table without one), so a table of a
/// million messages is read a page at a time, never held whole.
///
/// ```swift
/// let store = try SQLiteStore(path: "loa.sqlite")
/// try await store.migrate()
/// let export = try SQLiteTableExport(store: store)
/// for table in try await export.tables() {
///     var pages = try await export.pages(of: table, columns: try await export.columns(of: table), size: 5_000)
///     while let rows = try await pages.next() { … }
/// }
/// ```
public struct SQLiteTableExport: Sendable {
    private let snapshot: DatabaseSnapshot

    /// Takes a snapshot of `store`'s file (migrate the store first).
    public init(store: SQLiteStore) throws {
        snapshot = try store.pool.makeSnapshot()
    }

    /// The store's own tables: every table but SQLite's and GRDB's migration log.
    public func tables() async throws -> [String] {
        try await snapshot.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'
                ORDER BY name
                """)
        }
    }

    /// The columns of `table`, in their order.
    public func columns(of table: String) async throws -> [String] {
        try await snapshot.read { db in try db.columns(in: table).map { $0.name } }
    }

    /// How many rows `table` holds.
    public func count(of table: String) async throws -> Int {
        try await snapshot.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0 }
    }

    /// The rows of `table`'s `columns` in pages of at most `size`, in primary key order (the
    /// rowid for a table without one); read one page at a time with ``Pages/next()``.
    public func pages(of table: String, columns: [String], size: Int) async throws -> Pages {
        let key = try await snapshot.read { db in try db.primaryKey(table).columns }
        return Pages(snapshot: snapshot, table: table, key: key, columns: columns, size: size)
    }

    /// A table read page by page, each page after the last key of the one before.
    public struct Pages: Sendable {
        let snapshot: DatabaseSnapshot
        let key: [String]
        let query: String
        let keyList: String
        let size: Int
        private var after: [StoredValue]?
        private var finished = false

        init(snapshot: DatabaseSnapshot, table: String, key: [String], columns: [String], size: Int) {
            self.snapshot = snapshot
            self.key = key
            self.size = size
            keyList = key.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
            let selected = (key + columns).map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
            query = "SELECT \(selected) FROM \(table.quotedDatabaseIdentifier)"
        }

        /// The next page of rows (the selected columns, in their order), or nil after the last.
        public mutating func next() async throws -> [[StoredValue]]? {
            guard !finished else { return nil }
            let last = after, key = key, query = query, keyList = keyList, size = size
            let rows = try await snapshot.read { db -> [[StoredValue]] in
                let order = " ORDER BY \(keyList) LIMIT \(size)"
                guard let last else {
                    return try Row.fetchAll(db, sql: query + order).map(Self.values)
                }
                let sql = query + " WHERE (\(keyList)) > (\(key.map { _ in "?" }.joined(separator: ", ")))" + order
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(last.map(\.databaseValue))).map(Self.values)
            }
            finished = rows.count < size
            guard let final = rows.last else { return nil }
            after = Array(final.prefix(key.count))
            return rows.map { Array($0.dropFirst(key.count)) }
        }

        private static func values(_ row: Row) -> [StoredValue] {
            (0..<row.count).map { StoredValue(row[$0] as DatabaseValue) }
        }
    }
}
