/// The language and script a resident reads their messages in.
///
/// `vi` is Vietnamese; `hmn` is Mông written in the Romanized Popular Alphabet (RPA). The script
/// is a property of the locale, so a 1961-script Mông template set can later be added as its own
/// locale (for example `hmn-x-chv`) without touching the code that chooses templates.
public struct MessageLocale: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The tag used in configuration, the API and the template folders.
    public let rawValue: String

    /// Creates a locale from its tag; use ``parse(_:)`` for input from outside.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Vietnamese.
    public static let vietnamese = MessageLocale(rawValue: "vi")
    /// Mông in the Romanized Popular Alphabet.
    public static let hmong = MessageLocale(rawValue: "hmn")

    /// The locales Loa ships templates for.
    public static let supported: [MessageLocale] = [.vietnamese, .hmong]

    /// Parses a tag from outside (case-insensitive, `_` accepted for `-`); nil when unsupported.
    public static func parse(_ tag: String) -> MessageLocale? {
        let normalised = tag.trimmingWhitespace().lowercased().replacingAll("_", with: "-")
        return supported.first { $0.rawValue == normalised }
    }

    public var description: String { rawValue }
}
