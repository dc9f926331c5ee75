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
            let parts = split(text, utf8: utf8, encoding: encoding, units: units)
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
    /// with whole characters. Works on byte offsets into `utf8`, the bytes of `text`, which
    /// takes `units` in all.
    private static func split(
        _ text: String,
        utf8: UnsafeBufferPointer<UInt8>,
        encoding: SMSEncoding,
        units: Int
    ) -> [String] {
        let capacity = encoding.concatenatedPartCapacity
        var parts: [String] = []
        parts.reserveCapacity((units + capacity - 1) / capacity)
        var partStart = 0
        while true {
            let end = encoding.endOfFittingScalars(from: partStart, capacity: capacity, in: utf8)
            guard end < utf8.count else {
                parts.append(part(of: text, from: partStart, to: utf8.count))
                return parts
            }
            let cut = lastCharacterBoundary(atOrBefore: end, after: partStart, in: text, utf8: utf8)
            parts.append(part(of: text, from: partStart, to: cut))
            partStart = cut
        }
    }

    /// The text between two byte offsets that start scalars (or end the text).
    private static func part(of text: String, from start: Int, to end: Int) -> String {
        let utf8 = text.utf8
        let lowerBound = utf8.index(utf8.startIndex, offsetBy: start)
        let upperBound = utf8.index(utf8.startIndex, offsetBy: end)
        return String(text.unicodeScalars[lowerBound..<upperBound])
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
            if isCharacterBoundary(candidate, in: text, utf8: utf8) { return candidate }
            candidate -= 1
            while UTF8Bytes.isContinuation(utf8[candidate]) { candidate -= 1 }
        }
        return offset
    }

    /// True when the scalar starting at byte offset `offset` (greater than 0) starts a character.
    private static func isCharacterBoundary(_ offset: Int, in text: String, utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let previous = utf8[offset - 1]
        let current = utf8[offset]
        // Between two ASCII characters there is always a boundary, except inside "\r\n".
        if previous < 0x80, current < 0x80 { return previous != 0x0D || current != 0x0A }
        // A position converts to a `String` index only on a character boundary.
        return String.Index(text.utf8.index(text.utf8.startIndex, offsetBy: offset), within: text) != nil
    }
}
