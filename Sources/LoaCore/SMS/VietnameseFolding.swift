/// Folds Vietnamese to plain letters ("không dấu"), so that a text fits GSM-7.
///
/// Folding loses meaning in some words; it is an operator's choice per route or template
/// (see ``EncodingPolicy``), never applied silently.
public enum VietnameseFolding {
    /// Removes Vietnamese tone and vowel marks, precomposed (à á ả ã ạ ă ằ … ự ỳ ý ỷ ỹ ỵ and the
    /// capitals) and combining (U+0300, U+0301, U+0303, U+0309, U+0323, U+0302, U+0306, U+031B),
    /// and maps đ→d, Đ→D. Every other character is kept.
    public static func fold(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                folded.append(scalar)
            } else if let letter = VietnameseLetter(scalar) {
                folded.append(letter.base)
            } else if scalar == "đ" {
                folded.append("d")
            } else if scalar == "Đ" {
                folded.append("D")
            } else if VietnameseCombiningMark(scalar) == nil {
                folded.append(scalar)
            }
        }
        return String(folded)
    }
}
