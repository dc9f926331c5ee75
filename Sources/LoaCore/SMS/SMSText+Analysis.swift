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
        withNativeUTF8(text) { text, utf8 in
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
        withNativeUTF8(text) { _, utf8 in measure(utf8).encoding == .gsm7 }
    }

    /// Calls `body` with `text` as a native Swift string and its UTF-8 bytes, so that byte
    /// offsets and `String` indices agree. A bridged string is copied once; a native one never.
    private static func withNativeUTF8<Result>(
        _ text: String,
        _ body: (String, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let native = contiguous
        return contiguous.withUTF8 { body(native, $0) }
    }

    /// The encoding a text needs and its length in that encoding's units.
    private static func measure(_ utf8: UnsafeBufferPointer<UInt8>) -> (encoding: SMSEncoding, units: Int) {
        if let measurement = measureIfASCII(utf8) { return measurement }
        let encoding: SMSEncoding = isInGSM7Alphabet(utf8) ? .gsm7 : .ucs2
        return (encoding, encoding.units(of: utf8))
    }

    /// True when every scalar of a text is in the GSM-7 alphabet. Works in blocks of 64 bytes:
    /// ASCII bytes are checked in a vectorised loop, other scalars decoded one by one (only in
    /// the blocks that have any); stops at the first of those outside the alphabet.
    private static func isInGSM7Alphabet(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var asciiOutsideGSM7: UInt8 = 0
        var blockStart = 0
        while blockStart < utf8.count {
            let blockEnd = min(blockStart + 64, utf8.count)
            var allBytes: UInt8 = 0
            for byte in UnsafeBufferPointer(rebasing: utf8[blockStart..<blockEnd]) {
                allBytes |= byte
                asciiOutsideGSM7 |= (byte < 0x80 ? 1 : 0) & GSM7Alphabet.outsideAlphabet(ascii: byte)
            }
            if allBytes >= 0x80 {
                for offset in blockStart..<blockEnd where utf8[offset] >= 0xC0 {
                    if GSM7Alphabet.septets(for: UTF8Bytes.scalar(in: utf8, at: offset)) == 0 { return false }
                }
            }
            blockStart = blockEnd
        }
        return asciiOutsideGSM7 == 0
    }

    /// The fast path of ``measure(_:)`` for ASCII text; nil as soon as a block of bytes holds
    /// one that is not ASCII. Every GSM-7 ASCII character is one septet, plus one for the
    /// extension table.
    ///
    /// Written without branches or table look-ups so that the compiler vectorises the inner
    /// loop; extension characters are counted in a byte per block of 64 bytes, so that it works
    /// on 16 bytes at a time.
    private static func measureIfASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> (encoding: SMSEncoding, units: Int)? {
        var outsideGSM7: UInt8 = 0
        var extensionCharacters = 0
        var blockStart = 0
        while blockStart < utf8.count {
            let blockEnd = min(blockStart + 64, utf8.count)
            var allBytes: UInt8 = 0
            var extensionCharactersInBlock: UInt8 = 0
            for byte in UnsafeBufferPointer(rebasing: utf8[blockStart..<blockEnd]) {
                allBytes |= byte
                outsideGSM7 |= GSM7Alphabet.outsideAlphabet(ascii: byte)
                extensionCharactersInBlock &+= GSM7Alphabet.inExtensionTable(ascii: byte)
            }
            guard allBytes < 0x80 else { return nil }
            extensionCharacters += Int(extensionCharactersInBlock)
            blockStart = blockEnd
        }
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

    /// The text between two byte offsets that start scalars (or end the text). Copied from a
    /// `Substring`, whose bytes are known to be valid UTF-8, which is cheaper than decoding them.
    private static func part(of text: String, from start: Int, to end: Int) -> String {
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
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
            candidate = UTF8Bytes.startOfScalar(before: candidate, in: utf8)
        }
        return offset
    }

    /// True when the scalar starting at byte offset `offset` (greater than 0) starts a character.
    private static func isCharacterBoundary(_ offset: Int, in text: String, utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let previous = UTF8Bytes.scalar(in: utf8, at: UTF8Bytes.startOfScalar(before: offset, in: utf8))
        let current = UTF8Bytes.scalar(in: utf8, at: offset)
        if isLatinOrControl(previous), isLatinOrControl(current) {
            return previous != "\r" || current != "\n"
        }
        // A position converts to a `String` index only on a character boundary.
        return String.Index(text.utf8.index(text.utf8.startIndex, offsetBy: offset), within: text) != nil
    }

    /// True for U+0000–U+02FF (controls, Latin letters and punctuation, spacing modifiers; the
    /// combining marks start at U+0300) and Latin Extended Additional (U+1E00–U+1EFF, which holds
    /// most precomposed Vietnamese letters). Between two such scalars the grapheme rules (UAX #29)
    /// always put a character boundary, except inside "\r\n"; this spares the full rules at most
    /// cuts.
    private static func isLatinOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value)
    }
}
