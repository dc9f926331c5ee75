import LoaCore

/// The value of a `Loa-Signature` header: `t=UNIX_SECONDS,v1=HEX`, where `v1` is
/// HMAC-SHA256 under the key's ``IngestSigningSecret`` of the decimal `t`, a full stop and the
/// request body, as bytes.
///
/// ```swift
/// let signature = signingSecret.sign(body: body, timestamp: 1_764_465_300)
/// request.headers["Loa-Signature"] = signature.header      // "t=1764465300,v1=5f2b…"
/// IngestSignature(header: "t=1764465300,v1=5f2b…")?.timestamp  // 1764465300
/// ```
public struct IngestSignature: Sendable, Equatable {
    /// When the request was signed, in whole seconds since 1970 (UTC).
    public let timestamp: Int64
    /// The 32 bytes of the HMAC.
    public let mac: [UInt8]

    /// Creates a signature from its parts.
    public init(timestamp: Int64, mac: [UInt8]) {
        self.timestamp = timestamp
        self.mac = mac
    }

    /// Parses a header value: `t` and `v1`, in either order, separated by commas; other parts
    /// (a future `v2`) are ignored. Nil when `t` is not a whole number of seconds, `v1` not 64
    /// hexadecimal digits, or either is missing or repeated.
    public init?(header: String) {
        var timestamp: Int64?
        var mac: [UInt8]?
        for part in header.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let name = pair[0].trimmingASCIISpaces
            let value = pair[1].trimmingASCIISpaces
            switch name {
            case "t":
                guard timestamp == nil, !value.isEmpty, value.utf8.count <= 18,
                      value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
                timestamp = Int64(value)
            case "v1":
                guard mac == nil, value.utf8.count == 64, let bytes = [UInt8](hex: value) else { return nil }
                mac = bytes
            default:
                continue
            }
        }
        guard let timestamp, let mac else { return nil }
        self.init(timestamp: timestamp, mac: mac)
    }

    /// The header value, `t=…,v1=…`.
    public var header: String { "t=\(timestamp),v1=\(mac.lowercaseHex)" }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingASCIISpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
