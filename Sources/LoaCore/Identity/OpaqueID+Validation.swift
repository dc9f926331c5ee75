extension OpaqueID {
    /// Whether `id` has the shape ``make(prefix:epochMilliseconds:)`` gives: `prefix`, `_`, then
    /// 26 upper-case Crockford base-32 characters (`msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ`).
    public static func isWellFormed(_ id: String, prefix: String) -> Bool {
        let bytes = Array(id.utf8)
        let head = Array(prefix.utf8) + [UInt8(ascii: "_")]
        guard bytes.count == head.count + 26, bytes.starts(with: head) else { return false }
        return bytes.dropFirst(head.count).allSatisfy(alphabet.contains)
    }
}
