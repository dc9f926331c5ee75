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
        let (encoding, units) = measure(text)
        guard units > encoding.singlePartCapacity else {
            return SMSAnalysis(text: text, encoding: encoding, segments: 1, units: units, parts: [text])
        }
        let parts = split(text, encoding: encoding)
        return SMSAnalysis(text: text, encoding: encoding, segments: parts.count, units: units, parts: parts)
    }

    /// True when every character of `text` is in the GSM-7 default alphabet or extension table.
    public static func isGSM7(_ text: String) -> Bool {
        measure(text).encoding == .gsm7
    }

    /// The encoding `text` needs and its length in that encoding's units.
    private static func measure(_ text: String) -> (encoding: SMSEncoding, units: Int) {
        if let measuredASCII = text.utf8.withContiguousStorageIfAvailable(measureIfASCII),
           let measurement = measuredASCII {
            return measurement
        }
        var septets = 0
        for scalar in text.unicodeScalars {
            let cost = GSM7Alphabet.septets(for: scalar)
            if cost == 0 { return (.ucs2, text.utf16.count) }
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
    /// with whole characters.
    private static func split(_ text: String, encoding: SMSEncoding) -> [String] {
        let scalars = text.unicodeScalars
        let capacity = encoding.concatenatedPartCapacity
        var parts: [String] = []
        var partStart = scalars.startIndex
        var partUnits = 0
        var index = partStart
        while index < scalars.endIndex {
            let units = encoding.units(for: scalars[index])
            if partUnits + units <= capacity {
                partUnits += units
                index = scalars.index(after: index)
                continue
            }
            let cut = lastCharacterBoundary(atOrBefore: index, after: partStart, in: text)
            parts.append(String(scalars[partStart..<cut]))
            partStart = cut
            partUnits = 0
            index = cut
        }
        parts.append(String(scalars[partStart...]))
        return parts
    }

    /// The last character boundary at or before `index` that lies after `partStart`; `index`
    /// itself when there is none, that is when one character is larger than a whole part.
    private static func lastCharacterBoundary(
        atOrBefore index: String.Index,
        after partStart: String.Index,
        in text: String
    ) -> String.Index {
        var candidate = index
        while candidate > partStart {
            // A scalar position converts to a `String` index only on a character boundary.
            if String.Index(candidate, within: text) != nil { return candidate }
            candidate = text.unicodeScalars.index(before: candidate)
        }
        return index
    }
}
