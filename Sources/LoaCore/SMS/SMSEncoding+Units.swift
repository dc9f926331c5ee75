extension SMSEncoding {
    /// Units one unsplit message carries: 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2).
    var singlePartCapacity: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units each part of a concatenated message carries once the 6-byte User Data Header is
    /// taken: 153 septets (GSM-7) or 67 UTF-16 code units (UCS-2).
    var concatenatedPartCapacity: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }

    /// The units the UTF-8 byte at `offset` adds in this encoding: those of the scalar it starts
    /// (septets in GSM-7, 2 for an extension-table character; UTF-16 code units in UCS-2, 2
    /// outside the Basic Multilingual Plane), 0 for a continuation byte. For GSM-7 the text must
    /// be in the GSM-7 alphabet.
    @inline(__always)
    func units(ofByteAt offset: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = utf8[offset]
        switch self {
        case .gsm7:
            if byte < 0x80 { return 1 + Int(GSM7Alphabet.inExtensionTable(ascii: byte)) }
            if UTF8Bytes.isContinuation(byte) { return 0 }
            return GSM7Alphabet.septets(for: UTF8Bytes.scalar(in: utf8, at: offset))
        case .ucs2:
            return UTF8Bytes.utf16Units(startedBy: byte)
        }
    }
}
