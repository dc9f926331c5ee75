/// Typographic characters that word processors and phone keyboards put into text, and the plain
/// characters they are sent as. Left alone, one curly quote switches a whole message to UCS-2.
enum TypographicCharacter {
    /// The plain text that replaces `scalar` ("" to remove it), or nil when `scalar` is kept.
    /// Joiners are decided by ``isStrayJoiner(previous:next:)`` instead.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x0060, 0x00B4, 0x02BC, 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x2039, 0x203A, 0xFF07:
            "'" // ` ´ ʼ ‘ ’ ‚ ‛ ′ ‵ ‹ › ＇
        case 0x00AB, 0x00BB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0xFF02:
            "\"" // « » “ ” „ ‟ ″ ‶ ＂
        case 0x2010...0x2015, 0x2022, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
            "-" // hyphens, figure dash, en and em dash, horizontal bar, bullet, minus sign
        case 0x2026:
            "..." // …
        case 0x0009, 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            " " // tab, no-break space and the other Unicode spaces
        case 0x0085, 0x2028, 0x2029:
            "\n" // next line, line and paragraph separators
        case 0x00AD, 0x180E, 0x200B, 0x2060, 0xFEFF:
            "" // soft hyphen, Mongolian vowel separator, zero-width space, word joiner, BOM
        default:
            nil
        }
    }

    /// True for the zero-width joiner and non-joiner, which are kept only where they do
    /// something (see ``isStrayJoiner(previous:next:)``).
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// True when a joiner stands at either end of the text or next to a Latin letter, digit,
    /// punctuation or combining mark, where it only costs money; between two other scalars
    /// (inside an emoji sequence such as 👨‍👩‍👧 or a complex script) it is kept.
    static func isStrayJoiner(previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
        guard let previous, let next else { return true }
        return isLatin(previous) || isLatin(next)
    }

    /// Latin script, digits and punctuation (U+0000–U+024F), combining diacritics
    /// (U+0300–U+036F) and Latin Extended Additional, which holds most Vietnamese letters.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x024F, 0x0300...0x036F, 0x1E00...0x1EFF: true
        default: false
        }
    }
}
