/// Where the store lives, as `database.url` says: a SQLite file, or a PostgreSQL database that
/// several Loa nodes share.
///
/// ```swift
/// try StoreLocation(url: "sqlite:./loa.sqlite")                   // .sqlite(path: "./loa.sqlite")
/// try StoreLocation(url: "postgres://loa@db.example/loa")         // .postgres(url: …)
/// try StoreLocation(url: "/srv/loa/loa.sqlite")                   // a bare path is a SQLite file
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// The embedded store: one SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database (`postgres://user:password@host:port/database?sslmode=…&pool=N`).
    case postgres(url: String)

    /// A URL that names no store Loa knows.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String

        /// Creates the error; `description` must not quote a password.
        public init(description: String) {
            self.description = description
        }
    }

    /// Reads `sqlite:PATH`, `postgres://…` or `postgresql://…`; a value without a scheme is
    /// a SQLite file path (what `--database PATH` always meant).
    public init(url: String) throws(Invalid) {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            // sqlite:///abs/path and sqlite://./rel are read as the path after the slashes' host part.
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw Invalid(description: "sqlite: names no file (sqlite:./loa.sqlite)") }
            self = .sqlite(path: path)
        } else if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter }), url[..<colon].count > 1 {
            throw Invalid(description: "\(url[..<colon]): is not a store Loa knows; use sqlite:PATH or postgres://user@host/database")
        } else {
            guard !url.isEmpty else { throw Invalid(description: "empty; use sqlite:PATH or postgres://user@host/database") }
            self = .sqlite(path: url)
        }
    }

    /// The location for logs and messages: a PostgreSQL URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            // postgres://user:password@host… → postgres://user:***@host…
            guard let at = url.firstIndex(of: "@") else { return url }
            let credentials = url[..<at].split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard credentials.count == 3 else { return url }
            return credentials[0] + ":" + credentials[1] + ":***" + url[at...]
        }
    }

    /// The SQLite file, or nil for PostgreSQL.
    public var sqlitePath: String? {
        if case .sqlite(let path) = self { return path }
        return nil
    }
}
