/// Generates identifiers that sort by creation time and cannot be guessed:
/// a prefix, 10 Crockford base-32 characters of milliseconds since 1970, then 16 random ones.
///
/// ```swift
/// OpaqueID.make(prefix: "msg", epochMilliseconds: 1_764_480_000_000)  // "msg_01KB9…"
/// ```
public enum OpaqueID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new identifier with `prefix` (for example `msg`, `key`) created at the given instant.
    public static func make(prefix: String, epochMilliseconds: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, epochMilliseconds: epochMilliseconds, using: &generator)
    }

    /// The same, drawing randomness from `generator` (for reproducible tests).
    public static func make(
        prefix: String, epochMilliseconds: Int64, using generator: inout some RandomNumberGenerator
    ) -> String {
        var characters = [Character]()
        characters.reserveCapacity(26)
        var time = UInt64(max(0, epochMilliseconds))
        var timeCharacters = [Character](repeating: "0", count: 10)
        for index in stride(from: 9, through: 0, by: -1) {
            timeCharacters[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        characters.append(contentsOf: timeCharacters)
        characters.append(contentsOf: randomCharacters(16, using: &generator))
        return prefix + "_" + String(characters)
    }

    /// `count` random Crockford base-32 characters (5 bits of entropy each), twelve from each
    /// 64-bit draw so that an id costs two calls to the system's generator, not sixteen.
    public static func randomCharacters(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Character] {
        var characters: [Character] = []
        characters.reserveCapacity(count)
        var bits: UInt64 = 0
        for index in 0..<count {
            if index % 12 == 0 { bits = generator.next() }
            characters.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return characters
    }
}
