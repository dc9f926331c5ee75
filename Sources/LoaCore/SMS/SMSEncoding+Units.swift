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

    /// Where a part that starts at byte offset `start` of `utf8` must end at the latest: the
    /// start of the first scalar that no longer fits in `capacity` units, or the end of the text.
    /// Units are septets in GSM-7 (2 for an extension-table character; the text must be in the
    /// GSM-7 alphabet) and UTF-16 code units in UCS-2 (2 outside the Basic Multilingual Plane).
    ///
    /// Skips 16 bytes at a time while they fit (and, for GSM-7, are ASCII), counting them in a
    /// branch-free loop; then goes byte by byte.
    func endOfFittingScalars(from start: Int, capacity: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var units = 0
        var offset = start
        while utf8.count - offset >= 16 {
            let (chunkUnits, isASCII) = unitsOfChunk(UnsafeBufferPointer(rebasing: utf8[offset..<(offset + 16)]))
            guard units + chunkUnits <= capacity, isASCII || self == .ucs2 else { break }
            units += chunkUnits
            offset += 16
        }
        // Continuation bytes add nothing, so the units overflow only at the start of a scalar.
        while offset < utf8.count {
            let byte = utf8[offset]
            switch self {
            case .gsm7 where byte < 0x80:
                units += 1 + Int(GSM7Alphabet.inExtensionTable(ascii: byte))
            case .gsm7 where !UTF8Bytes.isContinuation(byte):
                units += GSM7Alphabet.septets(for: UTF8Bytes.scalar(in: utf8, at: offset))
            case .gsm7:
                break
            case .ucs2:
                units += UTF8Bytes.utf16Units(startedBy: byte)
            }
            if units > capacity { return offset }
            offset += 1
        }
        return offset
    }

    /// The units of a chunk of bytes, counted as if it were ASCII for GSM-7, and whether it is.
    @inline(__always)
    private func unitsOfChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> (units: Int, isASCII: Bool) {
        var units = 0
        var allBytes: UInt8 = 0
        switch self {
        case .gsm7:
            for byte in chunk {
                allBytes |= byte
                units &+= 1 &+ Int(GSM7Alphabet.inExtensionTable(ascii: byte))
            }
        case .ucs2:
            for byte in chunk {
                allBytes |= byte
                units &+= UTF8Bytes.utf16Units(startedBy: byte)
            }
        }
        return (units, allBytes < 0x80)
    }
}
