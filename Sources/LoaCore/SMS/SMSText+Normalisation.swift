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

    /// True when ``normalise(_:)`` may change `text`; false when it certainly returns it
    /// unchanged. ASCII is checked in a vectorised loop over the bytes, other scalars one by one.
    private static func needsNormalising(_ text: String) -> Bool {
        var contiguous = text
        return contiguous.withUTF8 { utf8 in
            var allBytes: UInt8 = 0
            var asciiToReplace: UInt8 = 0
            for byte in utf8 {
                allBytes |= byte
                asciiToReplace |= (byte == 0x09 ? 1 : 0) | (byte == 0x60 ? 1 : 0) // tab, backtick
            }
            guard asciiToReplace == 0 else { return true }
            guard allBytes >= 0x80 else { return false }
            return utf8.indices.contains { offset in
                utf8[offset] >= 0xC0 && mayNormalise(UTF8Bytes.scalar(in: utf8, at: offset))
            }
        }
    }

    /// True when ``normalise(_:)`` may replace, remove or compose a non-ASCII scalar.
    private static func mayNormalise(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            // Latin letters, Vietnamese ones among them, stay as they are.
            false
        default:
            TypographicCharacter.replacement(for: scalar) != nil
                || TypographicCharacter.isJoiner(scalar)
                || VietnameseCombiningMark(scalar) != nil
        }
    }
}
