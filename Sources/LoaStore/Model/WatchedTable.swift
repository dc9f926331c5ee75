/// A table or view of dossiers in another PostgreSQL database that a dossier watcher reads
/// (`watchers.<name>.table` and `.columns.*`): which relation, and which column holds each
/// field of the event it becomes.
///
/// Names are plain SQL identifiers (letters, digits, `_`), checked by ``isIdentifier(_:)`` when
/// configuration is read and double-quoted in every statement, so configuration can never
/// inject SQL.
public struct WatchedTable: Sendable, Equatable {
    /// Which column holds each field.
    public struct Columns: Sendable, Equatable {
        public var id: String
        public var updatedAt: String
        public var code: String
        public var status: String
        public var procedure: String
        public var commune: String
        public var phone: String
        public var name: String
        /// nil: every applicant's messages are in Vietnamese.
        public var locale: String?
        /// The promised return date (a `date`, or text `yyyy-MM-dd`); nil when the table has none.
        public var dueDate: String?
        /// A free-text note for the resident; nil when the table has none.
        public var note: String?

        public init(
            id: String = "id", updatedAt: String = "updated_at", code: String = "code", status: String = "status",
            procedure: String = "procedure", commune: String = "commune", phone: String = "phone", name: String = "name",
            locale: String? = "locale", dueDate: String? = nil, note: String? = nil
        ) {
            self.id = id
            self.updatedAt = updatedAt
            self.code = code
            self.status = status
            self.procedure = procedure
            self.commune = commune
            self.phone = phone
            self.name = name
            self.locale = locale
            self.dueDate = dueDate
            self.note = note
        }
    }

    /// `table` or `schema.table`.
    public var relation: String
    public var columns: Columns

    public init(relation: String, columns: Columns = Columns()) {
        self.relation = relation
        self.columns = columns
    }

    /// Whether `name` is a plain SQL identifier: a letter or `_`, then letters, digits or `_`,
    /// at most 63 bytes (PostgreSQL's limit).
    public static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_") }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// Whether `relation` is `table` or `schema.table`, each part an identifier.
    public static func isRelation(_ relation: String) -> Bool {
        let parts = relation.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy(isIdentifier)
    }
}
