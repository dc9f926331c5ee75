/// Reading the UTF-8 bytes of a `String`, which are valid UTF-8 by construction.
enum UTF8Bytes {
    /// True for a continuation byte (10xxxxxx): one that does not start a scalar.
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// The scalar whose encoding starts at `offset` (not a continuation byte).
    @inline(__always)
    static func scalar(in utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> Unicode.Scalar {
        let lead = utf8[offset]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead & (0x7F >> length))
        for index in (offset + 1)..<(offset + length) {
            value = value << 6 | UInt32(utf8[index] & 0x3F)
        }
        // Never the replacement character: a String's bytes are valid UTF-8.
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The offset of the scalar that ends just before `offset` (greater than 0).
    @inline(__always)
    static func startOfScalar(before offset: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var start = offset - 1
        while isContinuation(utf8[start]) { start -= 1 }
        return start
    }
}
