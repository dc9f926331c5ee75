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

    /// The units a UTF-8 byte adds: those of the scalar it starts, 0 for a continuation byte.
    ///
    /// UCS-2 counts UTF-16 code units: 1, or 2 for a scalar outside the Basic Multilingual Plane
    /// (lead byte 0xF0 or more). GSM-7 counts septets and needs text in the GSM-7 alphabet: an
    /// ASCII character is 1, or 2 in the extension table; every other GSM-7 character is 2 UTF-8
    /// bytes and 1 septet, except € (3 bytes, lead 0xE2), which is in the extension table.
    /// Branch-free, so that loops over bytes vectorise.
    @inline(__always)
    func units(ofByte byte: UInt8) -> Int {
        let startsScalar = UTF8Bytes.isContinuation(byte) ? 0 : 1
        switch self {
        case .gsm7:
            let isASCII = byte < 0x80
            let extraSeptet = isASCII ? Int(GSM7Alphabet.inExtensionTable(ascii: byte)) : (byte >= 0xE0 ? 1 : 0)
            return startsScalar &+ extraSeptet
        case .ucs2:
            return startsScalar &+ (byte >= 0xF0 ? 1 : 0)
        }
    }

    /// The units of a whole text (for GSM-7, one in the GSM-7 alphabet).
    func units(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var units = 0
        var runStart = 0
        while runStart < utf8.count {
            let runEnd = min(runStart + 127, utf8.count)
            units += self.units(ofShortRun: UnsafeBufferPointer(rebasing: utf8[runStart..<runEnd]))
            runStart = runEnd
        }
        return units
    }

    /// The units of at most 127 bytes. Each byte adds at most 2, so the sum is counted in a byte
    /// and the loop vectorises 16 bytes at a time.
    @inline(__always)
    private func units(ofShortRun bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var units: UInt8 = 0
        switch self {
        case .gsm7:
            for byte in bytes { units &+= UInt8(truncatingIfNeeded: SMSEncoding.gsm7.units(ofByte: byte)) }
        case .ucs2:
            for byte in bytes { units &+= UInt8(truncatingIfNeeded: SMSEncoding.ucs2.units(ofByte: byte)) }
        }
        return Int(units)
    }

    /// Where a part that starts at byte offset `start` of `utf8` must end at the latest: the
    /// start of the first scalar that no longer fits in `capacity` units, or the end of the text.
    /// For GSM-7 the text must be in the GSM-7 alphabet.
    func endOfFittingScalars(from start: Int, capacity: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var units = 0
        var offset = start
        // Whole chunks of 16 bytes while they fit, counted in a vectorised loop.
        while utf8.count - offset >= 16 {
            let chunkUnits = self.units(ofShortRun: UnsafeBufferPointer(rebasing: utf8[offset..<(offset + 16)]))
            guard units + chunkUnits <= capacity else { break }
            units += chunkUnits
            offset += 16
        }
        // Then byte by byte. Continuation bytes add nothing, so the units overflow only at the
        // start of a scalar.
        while offset < utf8.count {
            units += self.units(ofByte: utf8[offset])
            if units > capacity { return offset }
            offset += 1
        }
        return offset
    }
}
