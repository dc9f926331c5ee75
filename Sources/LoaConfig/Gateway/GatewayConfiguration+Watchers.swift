public import LoaStore
import Foundation
import LoaSettings

extension GatewayConfiguration {
    /// One dossier watcher (`watchers.<name>`): a table or view of dossiers in another
    /// PostgreSQL database whose changes become dossier events with `source` = its name.
    public struct Watcher: Sendable, Equatable {
        /// `watchers.<name>`: lowercase letters, digits, `-` and `_`; the events' `source`.
        public var name: String
        /// `watchers.<name>.url`: the source database (`postgres://…`, as `database.url`).
        public var url: String
        /// `watchers.<name>.table` and `.columns.*`.
        public var table: WatchedTable
        /// `watchers.<name>.poll`: how often the table is read without a notification (default 5 s).
        public var pollSeconds: Double
        /// `watchers.<name>.safetyLag`: changes younger than this (on the source's clock) wait for
        /// the next read, so that a transaction that stamped its rows earlier but commits later
        /// is not passed over (default 2 s).
        public var safetyLagSeconds: Double
        /// `watchers.<name>.batchSize`: changes read and committed at once (default 500).
        public var batchSize: Int
        /// `watchers.<name>.start`: where a watcher without a cursor begins: `now` (the default:
        /// changes made before it first ran send nothing) or `beginning` (every row is a change).
        public var startsAtBeginning: Bool
        /// `watchers.<name>.maxBackoff`: the longest wait between attempts while the source is
        /// away (default 30 s; the first wait is half a second, doubling).
        public var maxBackoffSeconds: Double
        /// `watchers.<name>.timeZone`: the time zone a `timestamp without time zone` column's
        /// wall-clock times are in (an IANA name such as `Asia/Ho_Chi_Minh`); nil: the source
        /// server's default. A `timestamptz` column needs none.
        public var timeZone: String?
    }

    /// Every `watchers.<name>`, checked: names, a postgres:// URL, identifiers for the table
    /// and columns.
    static func watchers(_ settings: LayeredSettings) throws(ConfigurationError) -> [Watcher] {
        var watchers: [Watcher] = []
        for name in settings.children(of: "watchers") {
            let prefix = "watchers.\(name)"
            let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
            guard allowed, (1...40).contains(name.count) else {
                throw ConfigurationError(key: prefix, message: "'\(name)' is not a watcher name: use 1 to 40 lowercase letters, digits, '-' or '_' (it becomes the events' source)")
            }
            let url = try settings.requiredString("\(prefix).url", why: "the source database of the watcher, postgres://user:password@host:port/database")
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError(key: "\(prefix).url", message: "a watcher reads a PostgreSQL database: write postgres://user:password@host:port/database")
            }
            let relation = try settings.requiredString("\(prefix).table", why: "the table or view of dossiers to watch, table or schema.table")
            guard WatchedTable.isRelation(relation) else {
                throw ConfigurationError(key: "\(prefix).table", message: "'\(relation)' is not table or schema.table made of letters, digits and '_'")
            }
            func column(_ key: String, _ fallback: String) throws(ConfigurationError) -> String {
                let value = settings.string("\(prefix).columns.\(key)", default: fallback)
                guard WatchedTable.isIdentifier(Substring(value)) else {
                    throw ConfigurationError(key: "\(prefix).columns.\(key)", message: "'\(value)' is not a column name made of letters, digits and '_'")
                }
                return value
            }
            /// An optional column: empty means the table has none.
            func optionalColumn(_ key: String, _ fallback: String) throws(ConfigurationError) -> String? {
                let value = settings.string("\(prefix).columns.\(key)", default: fallback)
                return value.isEmpty ? nil : try column(key, fallback)
            }
            let columns = WatchedTable.Columns(
                id: try column("id", "id"), updatedAt: try column("updatedAt", "updated_at"), code: try column("code", "code"),
                status: try column("status", "status"), procedure: try column("procedure", "procedure"),
                commune: try column("commune", "commune"), phone: try column("phone", "phone"), name: try column("name", "name"),
                locale: try optionalColumn("locale", "locale"), dueDate: try optionalColumn("dueDate", ""),
                note: try optionalColumn("note", ""))
            let start = settings.string("\(prefix).start", default: "now")
            guard ["now", "beginning"].contains(start) else {
                throw ConfigurationError(key: "\(prefix).start", message: "'\(start)' is not now or beginning")
            }
            let timeZone = settings.string("\(prefix).timeZone", default: "")
            guard timeZone.isEmpty || TimeZone(identifier: timeZone) != nil else {
                throw ConfigurationError(key: "\(prefix).timeZone", message: "'\(timeZone)' is not a time zone name: write an IANA name such as Asia/Ho_Chi_Minh, or leave it out for the source server's default")
            }
            watchers.append(Watcher(
                name: name, url: url, table: WatchedTable(relation: relation, columns: columns),
                pollSeconds: try settings.seconds("\(prefix).poll", default: 5, in: 0.01...3600),
                safetyLagSeconds: try settings.seconds("\(prefix).safetyLag", default: 2, in: 0...3600),
                batchSize: try settings.int("\(prefix).batchSize", default: 500, in: 1...5000),
                startsAtBeginning: start == "beginning",
                maxBackoffSeconds: try settings.seconds("\(prefix).maxBackoff", default: 30, in: 0.5...3600),
                timeZone: timeZone.isEmpty ? nil : timeZone))
        }
        return watchers
    }
}

extension GatewayConfiguration.Watcher: CustomStringConvertible {
    /// The watcher for logs and messages: its source URL without the password.
    public var description: String {
        "watcher \(name) on \(table.relation) at \(StoreLocation.postgres(url: url))"
    }
}
