import Foundation

/// A `GET /cgi-bin/sendsms?…` request as Kannel's smsbox reads it.
struct SendSMSRequest {
    let parameters: [String: String]

    /// Parses the query of `uri`; nil unless the path is `/cgi-bin/sendsms`.
    init?(uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.first == "/cgi-bin/sendsms" else { return nil }
        parameters = parts.count > 1 ? SendSMSRequest.decodeQuery(parts[1]) : [:]
    }

    /// `application/x-www-form-urlencoded` pairs (`+` is a space); later repeats win.
    static func decodeQuery(_ query: Substring) -> [String: String] {
        var result: [String: String] = [:]
        let bytes = query.utf8
        var pairStart = bytes.startIndex
        while pairStart < bytes.endIndex {
            let pairEnd = bytes[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            if pairStart < pairEnd {
                let pair = bytes[pairStart..<pairEnd]
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                    result[formDecode(pair[..<equals])] = formDecode(pair[pair.index(after: equals)...])
                } else {
                    result[formDecode(pair)] = ""
                }
            }
            pairStart = pairEnd < bytes.endIndex ? bytes.index(after: pairEnd) : pairEnd
        }
        return result
    }

    /// One form-encoded component: `+` is a space, `%XX` a byte; a malformed escape stays as
    /// written (as smsbox leaves it). Works on bytes: the stand-in must not be what a
    /// benchmark measures.
    static func formDecode(_ encoded: Substring.UTF8View.SubSequence) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            if byte == UInt8(ascii: "%"), let high = encoded.index(index, offsetBy: 1, limitedBy: encoded.endIndex),
               let low = encoded.index(index, offsetBy: 2, limitedBy: encoded.endIndex), low < encoded.endIndex,
               let value = hexValue(encoded[high]).flatMap({ h in hexValue(encoded[low]).map { h << 4 | $0 } }) {
                bytes.append(value)
                index = encoded.index(after: low)
                continue
            }
            bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = encoded.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything but ASCII letters and digits as `%XX`.
    private static func percentEncoded(_ text: String) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return encoded
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Loa's message id, carried in the `dlr-url` query.
    var messageId: String? {
        guard let receiptURL = parameters["dlr-url"], let query = receiptURL.split(separator: "?", maxSplits: 1).dropFirst().first else {
            return nil
        }
        return SendSMSRequest.decodeQuery(query)["messageId"]
    }

    /// The `dlr-url` with Kannel's escapes expanded for a report of `type` (1 delivered).
    func receiptURL(type: Int, answer: String) -> String? {
        guard let template = parameters["dlr-url"], !template.isEmpty else { return nil }
        let encodedAnswer = Self.percentEncoded(answer)
        var expanded: [UInt8] = []
        expanded.reserveCapacity(template.utf8.count + encodedAnswer.count)
        var escape = false
        for byte in template.utf8 {
            if escape {
                escape = false
                switch byte {
                case UInt8(ascii: "d"): expanded += String(type).utf8
                case UInt8(ascii: "A"): expanded += encodedAnswer
                default: expanded += [UInt8(ascii: "%"), byte]
                }
            } else if byte == UInt8(ascii: "%") {
                escape = true
            } else {
                expanded.append(byte)
            }
        }
        if escape { expanded.append(UInt8(ascii: "%")) }
        return String(decoding: expanded, as: UTF8.self)
    }
}
