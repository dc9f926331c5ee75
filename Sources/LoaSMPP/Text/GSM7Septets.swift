/// Text in the GSM 03.38 default alphabet as SMPP carries it with data_coding 0: one septet
/// value per octet, unpacked; an extension-table character is the escape 0x1B and its code.
enum GSM7Septets {
    /// The default alphabet, by septet value (0x1B, the escape, is a placeholder here).
    private static let defaultAlphabet: [Unicode.Scalar] = Array(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{FFFF}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)

    /// The extension table: scalar → code after the escape.
    private static let extensionTable: [Unicode.Scalar: UInt8] = [
        "\u{0C}": 0x0A, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E, "|": 0x40, "€": 0x65,
    ]

    private static let escape: UInt8 = 0x1B
    /// What a character outside the alphabet becomes (`?`); Loa only sends GSM-7 text that fits.
    private static let replacement: UInt8 = 0x3F

    private static let defaultCodes: [Unicode.Scalar: UInt8] = {
        var codes: [Unicode.Scalar: UInt8] = [:]
        for (code, scalar) in defaultAlphabet.enumerated() where code != Int(escape) {
            codes[scalar] = UInt8(code)
        }
        return codes
    }()

    /// The octets of `text`.
    static func encode(_ text: String) -> [UInt8] {
        var octets: [UInt8] = []
        octets.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let code = defaultCodes[scalar] {
                octets.append(code)
            } else if let code = extensionTable[scalar] {
                octets.append(escape)
                octets.append(code)
            } else {
                octets.append(replacement)
            }
        }
        return octets
    }

    /// The text of `octets` (septet values); an unknown escape reads as a space, by the specification.
    static func decode(_ octets: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var escaped = false
        for octet in octets {
            let code = octet & 0x7F
            if escaped {
                escaped = false
                scalars.append(extensionTable.first { $0.value == code }?.key ?? " ")
            } else if code == escape {
                escaped = true
            } else {
                scalars.append(defaultAlphabet[Int(code)])
            }
        }
        return String(scalars)
    }
}
