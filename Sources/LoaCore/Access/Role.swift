/// What an API key may do.
public enum Role: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A dossier system: posts dossier events.
    case ingest
    /// A commune police officer: reads their own commune's messages (and, later, books appointments).
    case officer
    /// A provincial operator: reads everything, sees the sandbox, retries and cancels.
    case `operator`
    /// Everything an operator can do, plus key management.
    case admin

    /// Whether a key with this role may act as `required`.
    ///
    /// `admin` includes `operator`; every other role stands alone, so an ingest key cannot read
    /// messages and an officer key cannot post events.
    public func grants(_ required: Role) -> Bool {
        self == required || (self == .admin && required == .operator)
    }

    public var description: String { rawValue }
}
