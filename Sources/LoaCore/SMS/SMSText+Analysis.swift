extension SMSText {
    /// Analyses `text` exactly as given (no normalisation): its encoding, length and parts.
    ///
    /// The text is GSM-7 when every character is in the GSM 03.38 default alphabet or its
    /// extension table, UCS-2 otherwise. It fits one part up to 160 septets / 70 UTF-16 units;
    /// longer texts are split into parts of at most 153 septets / 67 units. Parts are cut between
    /// characters (`Character`, so "\r\n" and a letter with its combining marks stay together),
    /// and therefore never inside an escape pair or a surrogate pair; only a single character
    /// larger than a part is cut, between its Unicode scalars.
    public static func analyse(_ text: String) -> SMSAnalysis {
        var contiguous = text
        return contiguous.withUTF8 { utf8 in
            let (encoding, units) = measure(utf8)
            guard units > encoding.singlePartCapacity else {
                return SMSAnalysis(text: text, encoding: encoding, segments: 1, units: units, parts: [text])
            }
            let parts = split(text, utf8: utf8, encoding: encoding)
            return SMSAnalysis(text: text, encoding: encoding, segments: parts.count, units: units, parts: parts)
        }
    }

    /// True when every character of `text` is in the GSM-7 default alphabet or extension table.
    public static func isGSM7(_ text: String) -> Bool {
        var contiguous = text
        return contiguous.withUTF8 { measure($0).encoding == .gsm7 }
    }

    /// The encoding a text needs and its length in that encoding's units.
    private static func measure(_ utf8: UnsafeBufferPointer<UInt8>) -> (encoding: SMSEncoding, units: Int) {
        if let measurement = measureIfASCII(utf8) { return measurement }
        var septets = 0
        for offset in utf8.indices where !UTF8Bytes.isContinuation(utf8[offset]) {
            let cost = GSM7Alphabet.septets(for: UTF8Bytes.scalar(in: utf8, at: offset))
            if cost == 0 { return (.ucs2, UTF8Bytes.utf16Count(utf8)) }
            septets += cost
        }
        return (.gsm7, septets)
    }

    /// The fast path of ``measure(_:)`` for ASCII text; nil when a byte is not ASCII. Every
    /// GSM-7 ASCII character is one septet, plus one for the extension table.
    ///
    /// Written without branches or table look-ups so that the compiler vectorises the inner
    /// loop; extension characters are counted in a byte per block of 255 bytes, so that it works
    /// on 16 bytes at a time.
    private static func measureIfASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> (encoding: SMSEncoding, units: Int)? {
        var allBytes: UInt8 = 0
        var outsideGSM7: UInt8 = 0
        var extensionCharacters = 0
        var blockStart = 0
        while blockStart < utf8.count {
            let blockEnd = min(blockStart + Int(UInt8.max), utf8.count)
            var extensionCharactersInBlock: UInt8 = 0
            for byte in UnsafeBufferPointer(rebasing: utf8[blockStart..<blockEnd]) {
                allBytes |= byte
                outsideGSM7 |= GSM7Alphabet.outsideAlphabet(ascii: byte)
                extensionCharactersInBlock &+= GSM7Alphabet.inExtensionTable(ascii: byte)
            }
            extensionCharacters += Int(extensionCharactersInBlock)
            blockStart = blockEnd
        }
        guard allBytes < 0x80 else { return nil }
        // Every ASCII character is one UTF-16 code unit.
        return outsideGSM7 != 0 ? (.ucs2, utf8.count) : (.gsm7, utf8.count + extensionCharacters)
    }

    /// Splits a text longer than one part into concatenated parts, filling each part greedily
    /// with whole characters. Works on byte offsets into `utf8`, the bytes of `text`.
    private static func split(
        _ text: String,
        utf8: UnsafeBufferPointer<UInt8>,
        encoding: SMSEncoding
    ) -> [String] {
        let capacity = encoding.concatenatedPartCapacity
        var parts: [String] = []
        var partStart = 0
        var partUnits = 0
        var offset = 0
        while offset < utf8.count {
            // Continuation bytes add nothing, so a part overflows only at the start of a scalar.
            let units = encoding.units(ofByteAt: offset, in: utf8)
            if partUnits + units <= capacity {
                partUnits += units
                offset += 1
                continue
            }
            let cut = lastCharacterBoundary(atOrBefore: offset, after: partStart, in: text, utf8: utf8)
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[partStart..<cut]), as: UTF8.self))
            partStart = cut
            partUnits = 0
            offset = cut
        }
        parts.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[partStart...]), as: UTF8.self))
        return parts
    }

    /// The byte offset of the last character boundary at or before `offset` (a scalar start)
    /// that lies after `partStart`; `offset` itself when there is none, that is when one
    /// character is larger than a whole part.
    private static func lastCharacterBoundary(
        atOrBefore offset: Int,
        after partStart: Int,
        in text: String,
        utf8: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var candidate = offset
        while candidate > partStart {
            // A position converts to a `String` index only on a character boundary.
            let position = text.utf8.index(text.utf8.startIndex, offsetBy: candidate)
            if String.Index(position, within: text) != nil { return candidate }
            candidate -= 1
            while UTF8Bytes.isContinuation(utf8[candidate]) { candidate -= 1 }
        }
        return offset
    }
}
