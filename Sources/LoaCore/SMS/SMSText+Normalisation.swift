extension SMSText {
    /// Replaces the typographic characters that word processors and keyboards insert with the
    /// plain ones GSM-7 has, and composes Vietnamese letters typed as combining marks.
    ///
    /// - Curly single quotes, primes, backtick, acute accent → `'`; curly double quotes and
    ///   guillemets → `"`; hyphens, en and em dashes, minus sign, bullet → `-`; ellipsis → `...`.
    /// - No-break space, tab and the other Unicode spaces → space; line and paragraph separators
    ///   → line feed.
    /// - Zero-width space, word joiner, byte order mark and soft hyphen are removed; so are
    ///   zero-width joiners and non-joiners next to Latin text (kept inside emoji sequences).
    /// - A vowel followed by Vietnamese combining marks (NFD, or "Unicode tổ hợp" typing) becomes
    ///   the precomposed letter, which costs one UTF-16 unit instead of two or three, and is
    ///   GSM-7 for à è é ì ò ù É.
    ///
    /// Returns `text` itself when nothing needs replacing.
    public static func normalise(_ text: String) -> String {
        guard needsNormalising(text) else { return text }
        let scalars = text.unicodeScalars
        var normalised = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if let mark = VietnameseCombiningMark(scalar),
               let letter = normalised.last.flatMap(VietnameseLetter.init),
               let composed = letter.adding(mark) {
                normalised.removeLast()
                normalised.append(composed)
            } else if TypographicCharacter.isJoiner(scalar) {
                let next = index < scalars.endIndex ? scalars[index] : nil
                if !TypographicCharacter.isStrayJoiner(previous: normalised.last, next: next) {
                    normalised.append(scalar)
                }
            } else if let replacement = TypographicCharacter.replacement(for: scalar) {
                normalised.append(contentsOf: replacement.unicodeScalars)
            } else {
                normalised.append(scalar)
            }
        }
        return String(normalised)
    }

    /// False when ``normalise(_:)`` would return `text` unchanged for certain: checked byte by
    /// byte for ASCII text, scalar by scalar otherwise.
    private static func needsNormalising(_ text: String) -> Bool {
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte == 0x09 || byte == 0x60 { return true } // tab, backtick
        }
        guard !isASCII else { return false }
        return text.unicodeScalars.contains { scalar in
            !scalar.isASCII
                && (TypographicCharacter.replacement(for: scalar) != nil
                    || TypographicCharacter.isJoiner(scalar)
                    || VietnameseCombiningMark(scalar) != nil)
        }
    }
}
