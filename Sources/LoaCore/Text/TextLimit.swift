/// The limits every text value from outside keeps: at most `maxCharacters` characters and
/// `4 × maxCharacters` bytes of UTF-8 (a character of one scalar never needs more, so only
/// stacked combining marks reach the byte limit: a 120-character name cannot be a megabyte),
/// no control characters and no bidirectional controls (which make a text display in another
/// order than it is stored, hiding what it says).
///
/// A pure check: the caller names the field in its own error.
///
/// ```swift
/// let name = TextLimit(maxCharacters: 120)
/// name.violation(in: "Giàng A Vảng")          // nil
/// name.violation(in: "abc\u{202E}def")         // .bidirectionalControl("\u{202E}")
/// ```
public struct TextLimit: Sendable, Equatable {
    /// The most characters (grapheme clusters) the text may hold.
    public let maxCharacters: Int

    /// A limit of `maxCharacters` characters (and four times as many bytes).
    public init(maxCharacters: Int) {
        self.maxCharacters = maxCharacters
    }

    /// The most bytes of UTF-8 the text may take.
    public var maxBytes: Int { 4 * maxCharacters }

    /// What is wrong with `text`, or nil when it keeps the limit. Bytes are counted before
    /// characters, so an oversized text is refused without segmenting it.
    public func violation(in text: String) -> TextLimitViolation? {
        let bytes = text.utf8.count
        if bytes > maxBytes { return .tooManyBytes(bytes, limit: maxBytes) }
        // No more bytes than allowed characters: no need to count characters.
        if bytes > maxCharacters, text.count > maxCharacters { return .tooManyCharacters(limit: maxCharacters) }
        for scalar in text.unicodeScalars {
            if TextLimit.isControl(scalar) { return .controlCharacter(scalar) }
            if TextLimit.isBidirectionalControl(scalar) { return .bidirectionalControl(scalar) }
        }
        return nil
    }

    /// Unicode category Cc: exactly U+0000–U+001F and U+007F–U+009F.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The bidirectional formatting characters: ALM (U+061C), LRM and RLM (U+200E, U+200F),
    /// the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
    public static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
