/// The `source` values and communes an ingest key may post events for.
///
/// An empty list allows any value, so a key created without `--source` or `--commune` posts for
/// every source and commune, as keys did before scopes existed.
///
/// ```swift
/// let scope = IngestScope(sources: ["dienbien-motcua"], communes: ["na-u", "muong-nhe"])
/// scope.refusal(source: "dienbien-motcua", commune: "sin-thau")?.field   // "commune"
/// ```
public struct IngestScope: Sendable, Equatable {
    /// The allowed `source` values, sorted and without repeats; empty allows any.
    public let sources: [String]
    /// The allowed commune keys, sorted and without repeats; empty allows any.
    public let communes: [String]

    /// A scope that allows every source and commune.
    public static let unrestricted = IngestScope(sources: [], communes: [])

    /// Creates a scope; the lists are sorted and repeats dropped.
    public init(sources: [String], communes: [String]) {
        self.sources = Array(Set(sources)).sorted()
        self.communes = Array(Set(communes)).sorted()
    }

    /// Whether the scope allows everything.
    public var isUnrestricted: Bool { sources.isEmpty && communes.isEmpty }

    /// Why an event from `source` for `commune` is outside this scope, or nil when it is inside.
    /// The source is checked first.
    public func refusal(source: String, commune: String) -> IngestScopeRefusal? {
        if !sources.isEmpty && !sources.contains(source) {
            return IngestScopeRefusal(field: .source, value: source, allowed: sources)
        }
        if !communes.isEmpty && !communes.contains(commune) {
            return IngestScopeRefusal(field: .commune, value: commune, allowed: communes)
        }
        return nil
    }
}
