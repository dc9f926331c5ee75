/// Why an event lies outside its ingest key's ``IngestScope``: the field, the value sent and
/// the values the key allows.
public struct IngestScopeRefusal: Sendable, Equatable {
    /// The event field a key can be limited on.
    public enum Field: String, Sendable {
        case source
        case commune
    }

    public let field: Field
    /// The value the event carried.
    public let value: String
    /// The values the key allows for this field.
    public let allowed: [String]

    /// Creates a refusal.
    public init(field: Field, value: String, allowed: [String]) {
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    /// A machine-readable code, the same for both fields (the field tells them apart).
    public static let code = "outside_key_scope"

    /// What went wrong and how to fix it.
    public var message: String {
        let flag = field == .source ? "--source" : "--commune"
        return "this key may post events for \(field.rawValue) \(allowed.joined(separator: ", ")) only, not '\(value)'; "
            + "send the event with the key issued for that \(field.rawValue), or have an admin create one with "
            + "'loa keys create --role ingest \(flag) \(value)'"
    }
}
