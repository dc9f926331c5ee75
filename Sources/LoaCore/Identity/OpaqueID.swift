/// Generates identifiers that sort by creation time and cannot be guessed:
/// a prefix, 10 Crockford base-32 characters of milliseconds since 1970, then 16 random ones.
///
/// ```swift
/// OpaqueID.make(prefix: "msg", epochMilliseconds: 1_764_480_000_000)  // "msg_01KB9…"
/// ```
public enum OpaqueID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new identifier with `prefix` (for example `msg`, `key`) created at the given instant.
    public static func make(prefix: String, epochMilliseconds: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, epochMilliseconds: epochMilliseconds, using: &generator)
    }

    /// The same, drawing randomness from `generator` (for reproducible tests).
    public static func make(
        prefix: String, epochMilliseconds: Int64, using generator: inout some RandomNumberGenerator
    ) -> String {
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + 27)
        bytes.append(UInt8(ascii: "_"))
        let timeStart = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 10))
        var time = UInt64(max(0, epochMilliseconds))
        for index in stride(from: timeStart + 9, through: timeStart, by: -1) {
            bytes[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        appendRandomCharacters(16, to: &bytes, using: &generator)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` random Crockford base-32 characters (5 bits of entropy each).
    public static func randomCharacters(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        appendRandomCharacters(count, to: &bytes, using: &generator)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `count` random characters, twelve from each 64-bit draw so that an id costs two
    /// calls to the system's generator, not sixteen.
    private static func appendRandomCharacters(_ count: Int, to bytes: inout [UInt8], using generator: inout some RandomNumberGenerator) {
        bytes.reserveCapacity(bytes.count + count)
        var bits: UInt64 = 0
        for index in 0..<count {
            if index % 12 == 0 { bits = generator.next() }
            bytes.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
    }
}
