/// Folds Vietnamese to plain letters ("không dấu"), so that a text fits GSM-7.
///
/// Folding loses meaning in some words; it is an operator's choice per route or template
/// (see ``EncodingPolicy``), never applied silently.
public enum VietnameseFolding {
    /// Removes Vietnamese tone and vowel marks, precomposed (à á ả ã ạ ă ằ … ự ỳ ý ỷ ỹ ỵ and the
    /// capitals) and combining (U+0300, U+0301, U+0303, U+0309, U+0323, U+0302, U+0306, U+031B),
    /// and maps đ→d, Đ→D. Every other character is kept.
    public static func fold(_ text: String) -> String {
        var contiguous = text
        return contiguous.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 >= 0x80 }) else { return text }
            // Folding never lengthens the text: letters become one byte, marks go, the rest stays.
            return String(unsafeUninitializedCapacity: utf8.count) { folded in
                var count = 0
                var offset = 0
                while offset < utf8.count {
                    let byte = utf8[offset]
                    guard byte >= 0x80 else {
                        folded[count] = byte
                        count += 1
                        offset += 1
                        continue
                    }
                    let scalar = UTF8Bytes.scalar(in: utf8, at: offset)
                    let length = scalar.utf8.count
                    if let plain = plainLetter(for: scalar) {
                        folded[count] = plain
                        count += 1
                    } else if VietnameseCombiningMark(scalar) == nil {
                        for index in offset..<(offset + length) {
                            folded[count] = utf8[index]
                            count += 1
                        }
                    }
                    offset += length
                }
                return count
            }
        }
    }

    /// The plain ASCII letter a Vietnamese letter folds to (đ→d, Đ→D), or nil for other scalars.
    private static func plainLetter(for scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "đ": UInt8(ascii: "d")
        case "Đ": UInt8(ascii: "D")
        default: VietnameseLetter(scalar).map { UInt8($0.base.value) }
        }
    }
}
