import LoaCore

/// `application/x-www-form-urlencoded` and URL components, as RFC 3986 and the WHATWG URL
/// standard write them: UTF-8, everything but ASCII letters, digits and `-._~` percent-encoded.
enum FormEncoding {
    /// `text` percent-encoded for a query value, form value or path segment.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// `name=value` pairs joined by `&`, both percent-encoded.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// The pairs of a form body or query string (`+` is a space); a name given twice keeps its
    /// last value; malformed escapes are kept as written.
    static func decode(_ text: some StringProtocol) -> [String: String] {
        var pairs: [String: String] = [:]
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs[unescape(parts[0])] = parts.count > 1 ? unescape(parts[1]) : ""
        }
        return pairs
    }

    /// One component with `+` turned to a space and `%XX` escapes decoded.
    static func unescape(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let value = [UInt8](hex: String(decoding: bytes[index + 1...index + 2], as: UTF8.self)) {
                decoded.append(value[0])
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
