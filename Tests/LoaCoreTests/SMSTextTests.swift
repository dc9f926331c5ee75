import Testing
@testable import LoaCore

private func repeated(_ text: String, _ count: Int) -> String {
    String(repeating: text, count: count)
}

/// Units of a part, counted independently of the implementation: septets per scalar
/// (2 for the extension table) or UTF-16 code units.
private func units(of part: String, in encoding: SMSEncoding) -> Int {
    switch encoding {
    case .ucs2:
        return part.utf16.count
    case .gsm7:
        let extensionTable: Set<Unicode.Scalar> = ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\u{0C}"]
        return part.unicodeScalars.reduce(0) { $0 + (extensionTable.contains($1) ? 2 : 1) }
    }
}

let smsVectors: [SMSVector] = [
    SMSVector("empty text", "", .gsm7, [0], parts: [""]),
    SMSVector("GSM-7 160 characters, one part", repeated("a", 160), .gsm7, [160]),
    SMSVector("GSM-7 161 characters, two parts", repeated("a", 161), .gsm7, [153, 8]),
    SMSVector("GSM-7 153×2", repeated("a", 306), .gsm7, [153, 153]),
    SMSVector("GSM-7 153×2+1", repeated("a", 307), .gsm7, [153, 153, 1]),
    SMSVector("GSM-7 153×3", repeated("a", 459), .gsm7, [153, 153, 153]),
    SMSVector("GSM-7 153×3+1", repeated("a", 460), .gsm7, [153, 153, 153, 1]),
    SMSVector("euro fills the single part exactly", repeated("a", 158) + "€", .gsm7, [160]),
    SMSVector("euro tips the text into two parts", repeated("a", 159) + "€", .gsm7, [153, 8]),
    SMSVector(
        "euro at a part boundary moves wholly to the next part",
        repeated("a", 152) + "€" + repeated("b", 10), .gsm7, [152, 12],
        parts: [repeated("a", 152), "€" + repeated("b", 10)]
    ),
    SMSVector(
        "extension characters count two septets",
        repeated("{}", 40) + "x", .gsm7, [152, 9]
    ),
    SMSVector(
        "CR LF at a part boundary stays together",
        repeated("a", 152) + "\r\n" + repeated("b", 10), .gsm7, [152, 12],
        parts: [repeated("a", 152), "\r\n" + repeated("b", 10)]
    ),
    SMSVector("UCS-2 70 units, one part", repeated("ư", 70), .ucs2, [70]),
    SMSVector("UCS-2 71 units, two parts", repeated("ư", 71), .ucs2, [67, 4]),
    SMSVector("UCS-2 67×2", repeated("ư", 134), .ucs2, [67, 67]),
    SMSVector("UCS-2 67×2+1", repeated("ư", 135), .ucs2, [67, 67, 1]),
    SMSVector("UCS-2 67×3", repeated("ư", 201), .ucs2, [67, 67, 67]),
    SMSVector(
        "emoji (surrogate pair) at a UCS-2 part boundary moves wholly",
        repeated("ư", 66) + "😀" + repeated("ư", 10), .ucs2, [66, 12],
        parts: [repeated("ư", 66), "😀" + repeated("ư", 10)]
    ),
    SMSVector("emoji fills a UCS-2 part exactly", repeated("ư", 65) + "😀" + repeated("ư", 10), .ucs2, [67, 10]),
    SMSVector(
        "letter with a combining mark at a part boundary stays together",
        repeated("ư", 66) + "e\u{301}" + repeated("ư", 5), .ucs2, [66, 7],
        parts: [repeated("ư", 66), "e\u{301}" + repeated("ư", 5)]
    ),
    SMSVector(
        "emoji ZWJ sequence at a part boundary stays together",
        repeated("ư", 60) + "👨‍👩‍👧" + repeated("ư", 10), .ucs2, [60, 18],
        parts: [repeated("ư", 60), "👨‍👩‍👧" + repeated("ư", 10)]
    ),
    SMSVector(
        "one character larger than a part is cut between scalars",
        "e" + repeated("\u{301}", 80), .ucs2, [67, 14]
    ),
    SMSVector(
        "Vietnamese dot-below letters are UCS-2",
        "Hẹn gặp lại", .ucs2, [11]
    ),
    SMSVector(
        "Vietnamese with marks is UCS-2",
        "Công an xã Na Ư thông báo: hồ sơ cấp căn cước của ông/bà Giàng A Vảng đã có kết quả. "
            + "Đề nghị đến nhận trước ngày 15/10/2025.",
        .ucs2, [67, 57]
    ),
    SMSVector(
        "folded Vietnamese is GSM-7",
        "Cong an xa Na U thong bao: ho so cap can cuoc cua ong/ba Giang A Vang da co ket qua. "
            + "De nghi den nhan truoc ngay 15/10/2025.",
        .gsm7, [124]
    ),
    SMSVector(
        "Vietnamese letters in the GSM-7 alphabet stay GSM-7",
        "à è é ì ò ù É", .gsm7, [13]
    ),
    SMSVector(
        "Mông RPA is GSM-7",
        "Nyob zoo Giang A Vang, koj cov ntaub ntawv CCCD npaj txhij lawm. "
            + "Thov tuaj txais ntawm Cong an xa Na U ua ntej hnub tim 15/10/2025. Ua tsaug.",
        .gsm7, [141]
    ),
    SMSVector("backtick is not GSM-7", "it`s", .ucs2, [4]),
    SMSVector("tab is not GSM-7", "a\tb", .ucs2, [3]),
    SMSVector("curly quote is not GSM-7", "it’s", .ucs2, [4]),
]

@Suite("SMSText.analyse")
struct SMSTextAnalysisTests {
    @Test(arguments: smsVectors)
    func vector(_ vector: SMSVector) {
        let analysis = SMSText.analyse(vector.text)
        #expect(analysis.encoding == vector.encoding)
        #expect(analysis.segments == vector.partUnits.count)
        #expect(analysis.parts.count == vector.partUnits.count)
        #expect(analysis.units == vector.partUnits.reduce(0, +))
        #expect(analysis.parts.map { units(of: $0, in: vector.encoding) } == vector.partUnits)
        #expect(analysis.text.unicodeScalars.elementsEqual(vector.text.unicodeScalars))
        #expect(analysis.parts.joined().unicodeScalars.elementsEqual(vector.text.unicodeScalars))
        if let parts = vector.parts {
            #expect(analysis.parts == parts)
        }
    }

    @Test("parts are cut only between characters, escape pairs and surrogate pairs")
    func cutsAreClean() {
        let text = repeated("ab😀c\r\n{e\u{301}ư", 40)
        let analysis = SMSText.analyse(text)
        #expect(analysis.encoding == .ucs2)
        var scalarsSoFar = 0
        for part in analysis.parts {
            #expect(part.utf16.count <= 67)
            scalarsSoFar += part.unicodeScalars.count
            let cut = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: scalarsSoFar)
            #expect(String.Index(cut, within: text) != nil, "cut inside a character")
        }
        #expect(analysis.parts.joined().unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test("isGSM7 agrees with the encoding analyse chooses")
    func isGSM7() {
        #expect(SMSText.isGSM7("Hello @ £ $ ¥ { } € \r\n"))
        #expect(SMSText.isGSM7(""))
        #expect(!SMSText.isGSM7("Xin chào ông"))
        #expect(!SMSText.isGSM7("😀"))
        #expect(!SMSText.isGSM7("`"))
    }

    @Test("a single-part text is returned as its own only part")
    func singlePartKeepsText() {
        let text = "Nyob zoo"
        #expect(SMSText.analyse(text) == SMSAnalysis(text: text, encoding: .gsm7, segments: 1, units: 8, parts: [text]))
    }
}
