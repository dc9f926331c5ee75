/// Reading the text of a message Kannel hands over: the `%b` escape gives the message's bytes as
/// they came from the SMSC, percent-encoded, and `%C` / `%c` say how they are encoded.
///
/// Kannel 1.4 gives `%C` as `UTF-8` for a GSM-7 message (it converts those itself),
/// `UTF-16BE` for a UCS-2 one, `ISO-8859-1` when it recoded one, `binary` for 8-bit data; `%c`
/// is 0 (7-bit), 1 (8-bit) or 2 (UCS-2).
enum KannelInboundText {
    /// The value of the first `name=` parameter of a raw query string, percent-decoded to bytes
    /// (`+` is a space, as in forms; Kannel writes a plus as `%2B`); nil when there is none.
    /// Bytes, not a string: a UCS-2 text is UTF-16 and would not survive UTF-8 decoding.
    static func percentDecodedValue(of name: String, inQuery query: String) -> [UInt8]? {
        let prefix = Array(name.utf8) + [UInt8(ascii: "=")]
        for item in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) where item.starts(with: prefix) {
            return percentDecoded(item.dropFirst(prefix.count))
        }
        return nil
    }

    /// `%XX` escapes decoded and `+` turned to a space; a malformed escape is kept as written.
    static func percentDecoded(_ encoded: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(encoded)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
                continue
            }
            decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return decoded
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The text of `bytes` in `charset` (`%C`) or, without one, by `coding` (`%c`: 2 is UCS-2,
    /// anything else UTF-8).
    /// - Throws: naming `charset` for 8-bit data or a charset Loa does not read, `text` for
    ///   bytes that are not valid in theirs.
    static func decode(_ bytes: [UInt8], charset: String?, coding: String?) throws(InboundCallbackError) -> String {
        let encoding: Encoding
        if let charset, !charset.isEmpty {
            guard let named = Encoding(charset: charset) else {
                throw InboundCallbackError(
                    parameter: "charset",
                    message: charset.lowercased() == "binary"
                        ? "an 8-bit binary message is not text; Loa takes text messages only"
                        : "charset '\(charset.prefix(40))' is not one Loa reads (UTF-8, UTF-16BE/UCS-2, ISO-8859-1): pass Kannel's charset=%C")
            }
            encoding = named
        } else {
            encoding = coding == "2" ? .utf16BigEndian : .utf8
        }
        let text: String? = switch encoding {
        case .utf8:
            String(validating: bytes, as: UTF8.self)
        case .utf16BigEndian:
            bytes.count.isMultiple(of: 2)
                ? String(validating: stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }, as: UTF16.self)
                : nil
        case .latin1:
            String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
        guard let text else {
            throw InboundCallbackError(
                parameter: "text", message: "the text is not valid \(encoding.name): pass Kannel's text=%b with charset=%C")
        }
        return text
    }

    /// The encodings Kannel hands texts over in.
    enum Encoding {
        case utf8, utf16BigEndian, latin1

        /// The encoding a `%C` value names; nil for `binary` and anything unknown.
        init?(charset: String) {
            switch charset.lowercased() {
            case "utf-8", "utf8": self = .utf8
            case "utf-16be", "utf16-be", "utf-16", "ucs-2", "ucs2": self = .utf16BigEndian
            case "iso-8859-1", "latin1": self = .latin1
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf16BigEndian: "UTF-16BE"
            case .latin1: "ISO-8859-1"
            }
        }
    }
}
