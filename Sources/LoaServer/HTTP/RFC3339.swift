import Foundation

/// Reading RFC 3339 instants from requests: with or without fractional seconds, with `Z` or an
/// offset. A local time without an offset is not an instant and is refused.
enum RFC3339 {
    /// The instant `text` names, or nil.
    static func instant(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Whether `text` is a date and time that only lacks its offset (`2026-12-05T08:30:00`), the
    /// usual slip, so that the refusal can say what to add.
    static func lacksOffset(_ text: String) -> Bool {
        instant(text) == nil && instant(text + "+07:00") != nil
    }
}
