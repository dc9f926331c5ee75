/// How a text breaks its ``TextLimit``.
public enum TextLimitViolation: Sendable, Equatable {
    /// The text takes `bytes` bytes of UTF-8, more than `limit`.
    case tooManyBytes(Int, limit: Int)
    /// The text holds more than `limit` characters.
    case tooManyCharacters(limit: Int)
    /// The text holds this control character (category Cc).
    case controlCharacter(Unicode.Scalar)
    /// The text holds this bidirectional control.
    case bidirectionalControl(Unicode.Scalar)

    /// One sentence naming `field` and saying how to fix it.
    public func message(field: String) -> String {
        switch self {
        case .tooManyBytes(let bytes, let limit):
            "\(field) takes \(bytes) bytes of UTF-8, more than \(limit); shorten it or remove stacked combining marks"
        case .tooManyCharacters(let limit):
            "\(field) is longer than \(limit) characters"
        case .controlCharacter(let scalar):
            "\(field) contains control characters (\(TextLimitViolation.codePoint(scalar))); remove them"
        case .bidirectionalControl(let scalar):
            "\(field) contains the bidirectional control \(TextLimitViolation.codePoint(scalar)), which makes text display in another order than it is sent; remove it"
        }
    }

    /// `U+202E`.
    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
