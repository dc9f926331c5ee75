import Crypto

/// The SHA-256 a review is bound to.
enum TextDigest {
    /// SHA-256 of `text`'s UTF-8 bytes, as 64 lower-case hex digits.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
