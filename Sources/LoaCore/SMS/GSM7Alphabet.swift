/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, GSM 03.38),
/// looked up by Unicode scalar.
enum GSM7Alphabet {
    /// Septets `scalar` takes in GSM-7: 1 in the default alphabet, 2 in the extension table
    /// (escape + character), 0 when GSM-7 cannot carry it.
    @inline(__always)
    static func septets(for scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x80 { return septets(forASCII: value) }
        return switch value {
        case 0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, // ¡ £ ¤ ¥ § ¿
             0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C9, // Ä Å Æ Ç É
             0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF, // Ñ Ö Ø Ü ß
             0x00E0, 0x00E4, 0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, // à ä å æ è é ì
             0x00F1, 0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, // ñ ò ö ø ù ü
             0x0393, 0x0394, 0x0398, 0x039B, 0x039E, // Γ Δ Θ Λ Ξ
             0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9: // Π Σ Φ Ψ Ω
            1
        case 0x20AC: // €
            2
        default:
            0
        }
    }

    /// Septets of an ASCII character (a code below 0x80); see ``outsideAlphabet(ascii:)`` and
    /// ``inExtensionTable(ascii:)``.
    @inline(__always)
    private static func septets(forASCII code: UInt32) -> Int {
        let byte = UInt8(truncatingIfNeeded: code)
        return outsideAlphabet(ascii: byte) == 1 ? 0 : 1 + Int(inExtensionTable(ascii: byte))
    }

    /// 1 for the ASCII characters GSM-7 cannot carry, 0 for the rest. Outside are the control
    /// characters other than LF, CR and form feed, the backtick and DEL (and any byte of 0x80 or
    /// more); every other ASCII character is in the default alphabet or the extension table.
    ///
    /// Computed without branches (the comparisons are combined bitwise) so that a loop over
    /// ASCII text vectorises.
    @inline(__always)
    static func outsideAlphabet(ascii byte: UInt8) -> UInt8 {
        let isLineBreakOrFormFeed = bit(byte == 0x0A) | bit(byte == 0x0D) | bit(byte == 0x0C)
        let isOtherControl = bit(byte < 0x20) & ~isLineBreakOrFormFeed
        return isOtherControl | bit(byte == 0x60) | bit(byte >= 0x7F)
    }

    /// 1 for the ASCII characters of the extension table, which cost two septets (escape +
    /// character): form feed and `[ \ ] ^ { | } ~`; 0 for the rest. Branch-free like
    /// ``outsideAlphabet(ascii:)``.
    @inline(__always)
    static func inExtensionTable(ascii byte: UInt8) -> UInt8 {
        // `{ | } ~` are `[ \ ] ^` with the 0x20 bit set.
        bit(byte == 0x0C) | bit((byte & 0xDF) &- 0x5B < 4)
    }

    @inline(__always)
    private static func bit(_ condition: Bool) -> UInt8 { condition ? 1 : 0 }
}
