/// Reading the UTF-8 bytes of a `String`, which are valid UTF-8 by construction.
enum UTF8Bytes {
    /// True for a continuation byte (10xxxxxx): one that does not start a scalar.
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// The UTF-16 code units of the scalar `byte` starts: 1, or 2 for a scalar outside the Basic
    /// Multilingual Plane (lead byte 0xF0 or more); 0 for a continuation byte. Branch-free.
    @inline(__always)
    static func utf16Units(startedBy byte: UInt8) -> Int {
        (isContinuation(byte) ? 0 : 1) &+ (byte >= 0xF0 ? 1 : 0)
    }

    /// The number of UTF-16 code units the text takes. Counted in a byte per block of 127 bytes
    /// (each adds at most 2), so that the loop vectorises 16 bytes at a time.
    static func utf16Count(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var units = 0
        var blockStart = 0
        while blockStart < utf8.count {
            let blockEnd = min(blockStart + 127, utf8.count)
            var unitsInBlock: UInt8 = 0
            for byte in UnsafeBufferPointer(rebasing: utf8[blockStart..<blockEnd]) {
                unitsInBlock &+= UInt8(truncatingIfNeeded: utf16Units(startedBy: byte))
            }
            units += Int(unitsInBlock)
            blockStart = blockEnd
        }
        return units
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
}
