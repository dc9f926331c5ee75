/// The type a template variable is declared with in the catalog's `variables` section.
public enum VariableType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// A string, inserted exactly as given (trimmed).
    case text
    /// A calendar day, written `yyyy-MM-dd` in files; shown the way the message's language writes dates.
    case date
    /// An instant, written in RFC 3339 in files; shown in Vietnam time (UTC+7).
    case dateTime
    /// A whole number of Vietnamese đồng; shown with the thousands grouped.
    case amount

    /// The type and how to write a value of it, for error messages.
    public var description: String {
        switch self {
        case .text: "text (a string)"
        case .date: "date (a string yyyy-MM-dd, e.g. \"2026-12-05\")"
        case .dateTime: "dateTime (an RFC 3339 string, e.g. \"2026-12-05T08:30:00+07:00\")"
        case .amount: "amount (a whole number of đồng, e.g. 150000)"
        }
    }
}
