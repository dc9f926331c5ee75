import Foundation
import LoaTestSupport

/// Ingest bodies for the fuzz: a valid event written field by field as raw JSON, then mutated in
/// its structure (a field's value replaced by an extreme number, an odd string, another type,
/// deep nesting; a field dropped or repeated) and in its bytes (bit flips, cuts, insertions).
struct EventInputs {
    let procedures: [String]
    let communes: [String]

    /// One field: its key and its value as raw JSON bytes.
    typealias Field = (key: String, value: [UInt8])

    /// An event being written: its fields, the applicant's written in place of the value of
    /// `applicant` until a mutation replaces that value.
    struct Draft {
        var fields: [Field]
        var applicant: [Field]

        /// The JSON object.
        var bytes: [UInt8] {
            EventInputs.object(fields.map { $0.key == "applicant" && $0.value.isEmpty ? ($0.key, EventInputs.object(applicant)) : $0 })
        }
    }

    /// The next input.
    func next(using generator: inout SeededGenerator) -> [UInt8] {
        var draft = validEvent(using: &generator)
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            mutateStructure(&draft, using: &generator)
        }
        var bytes = draft.bytes
        if Int.random(in: 0..<10, using: &generator) < 3 {
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutateBytes(&bytes, using: &generator)
            }
        }
        return bytes
    }

    // MARK: A valid event

    func validEvent(using generator: inout SeededGenerator) -> Draft {
        func pick(_ options: [String]) -> [UInt8] { EventInputs.string(options.randomElement(using: &generator)!) }
        let applicant: [Field] = [
            ("name", pick(["Giàng A Vảng", "Nguyễn Thị Hoa", "Lầu Thị Mỷ", "Sùng A Páo", String(repeating: "Vàng Thị Dợ ", count: 10)])),
            ("phone", pick(["0912345678", "+84 912 345 678", "0084912345678", "0162 345 6789", "(098) 765-4321"])),
            ("locale", pick(["vi", "hmn", "HMN", "vi"])),
        ]
        var fields: [Field] = [
            ("eventId", Bool.random(using: &generator)
                ? EventInputs.string("evt-\(UInt32.random(in: 0...UInt32.max, using: &generator))")
                : Array(String(Int.random(in: -1_000_000...1_000_000, using: &generator)).utf8)),
            ("source", pick(["motcua-dienbien", "default", "igate"])),
            ("dossierCode", pick(["000.00.00.H15-241130-0001", "H15.22-240101-0042", "A/B_c-1"])),
            ("procedure", pick(procedures)),
            ("status", [Array("9".utf8), Array("5".utf8), Array("2".utf8), EventInputs.string("releasing"),
                        EventInputs.string("supplementRequired"), EventInputs.string("refusedAtIntake"),
                        EventInputs.string("6"), Array("3".utf8)].randomElement(using: &generator)!),
            ("occurredAt", pick(["2026-11-30T08:15:00+07:00", "2026-11-30T01:15:00Z", "2025-01-01T00:00:00.123Z"])),
            ("applicant", []),
            ("commune", pick(communes)),
            ("dueDate", pick(["2026-12-05", "2027-02-28"])),
        ]
        if Bool.random(using: &generator) {
            fields.append(("note", pick(["Thiếu bản sao giấy khai sinh", "Bản sao giấy khai sinh có chứng thực. ",
                                         String(repeating: "Bản sao giấy khai sinh có chứng thực. ", count: 13)])))
        }
        return Draft(fields: fields, applicant: applicant)
    }

    // MARK: Structure

    func mutateStructure(_ draft: inout Draft, using generator: inout SeededGenerator) {
        if Int.random(in: 0..<4, using: &generator) == 0, !draft.applicant.isEmpty {
            let index = Int.random(in: draft.applicant.indices, using: &generator)
            if Int.random(in: 0..<8, using: &generator) == 0 {
                draft.applicant.remove(at: index)
            } else {
                draft.applicant[index].value = oddValue(using: &generator)
            }
            return
        }
        guard !draft.fields.isEmpty else { return }
        let index = Int.random(in: draft.fields.indices, using: &generator)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: draft.fields.remove(at: index)
        case 1: draft.fields.append((draft.fields[index].key, oddValue(using: &generator)))   // a repeated key
        case 2: draft.fields.append(("unknown\(index)", oddValue(using: &generator)))
        default: draft.fields[index].value = oddValue(using: &generator)
        }
    }

    func oddValue(using generator: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: Array(EventInputs.extremeNumbers.randomElement(using: &generator)!.utf8)
        case 1, 2: EventInputs.string(EventInputs.oddStrings.randomElement(using: &generator)!)
        case 3: EventInputs.rawStrings.randomElement(using: &generator)!
        case 4: EventInputs.string(randomText(using: &generator))
        default: EventInputs.otherTypes.randomElement(using: &generator)!
        }
    }

    /// Up to 600 scalars drawn from every corner of Unicode that text handling gets wrong.
    func randomText(using generator: inout SeededGenerator) -> String {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x00...0x1F, 0x7F...0x9F, 0xC0...0x1B3, 0x300...0x36F, 0x600...0x6FF, 0x1E00...0x1EFF,
            0x2000...0x206F, 0x2460...0x24FF, 0xFE00...0xFE0F, 0xFF00...0xFFEF, 0x1F300...0x1F64F, 0xE0000...0xE007F,
            0x0660...0x0669, 0x1F1E6...0x1F1FF,
        ]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...600, using: &generator) {
            let range = ranges.randomElement(using: &generator)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) { text.append(scalar) }
        }
        return String(text)
    }

    // MARK: Bytes

    func mutateBytes(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        guard !bytes.isEmpty else { return }
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &generator)))
        case 2: bytes.removeSubrange(at...)
        case 3: bytes.insert(contentsOf: Array(EventInputs.extremeNumbers.randomElement(using: &generator)!.utf8), at: at)
        case 4: bytes.insert(contentsOf: [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x22, 0x5C].shuffled(using: &generator).prefix(3), at: at)
        default:
            let end = min(bytes.count, at + Int.random(in: 1...64, using: &generator))
            bytes.insert(contentsOf: bytes[at..<end], at: at)
        }
    }

    // MARK: Writing

    static func object(_ fields: [Field]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += string(field.key)
            bytes.append(UInt8(ascii: ":"))
            bytes += field.value
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `text` as a JSON string, escaping what RFC 8259 requires and nothing else.
    static func string(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", byte).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }

    /// Numbers a JSON parser and whatever converts them get wrong.
    static let extremeNumbers = [
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "9007199254740992", "9007199254740993", "-9007199254740993", "1e999", "-1e999",
        "1e308", "1.7976931348623157e308", "4.9e-324", "1e-400", "-0", "-0.0", "0e0", "1E+2", "1e-7",
        "123456789012345678901234567890", "0.1", "9.999999999999999e22", "2.5", "-1", "0", "11", "10", "1e1",
        String(repeating: "9", count: 400), "1" + String(repeating: "0", count: 330) + "e-330",
    ]

    /// Strings that are valid JSON but odd text.
    static let oddStrings = [
        "", " ", "\u{3000}", "\u{A0}\u{A0}", "\t\n", String(repeating: "a", count: 121), String(repeating: "x", count: 201),
        String(repeating: "n", count: 501), "a" + String(repeating: "\u{301}", count: 3000), String(repeating: "e\u{302}\u{303}", count: 120),
        String(repeating: "ễ", count: 120), "\u{202E}gnp.exe", "Giàng\u{2066}A\u{2069}", "\u{200F}", "\u{061C}", "\u{200E}x",
        "\u{202A}\u{202B}\u{202C}\u{202D}", "\u{200D}", "👨‍👩‍👧‍👦", "🇻🇳", "محمد", "שלום", "Nguye\u{302}\u{303}n", "\u{FEFF}BOM",
        "\u{0}", "\u{7F}", "\u{85}", "\u{9F}", "\u{D7FF}\u{E000}\u{FFFF}\u{10FFFF}", "9", "-9223372036854775808", " 9 ", "٩", "９",
        "0912345678", "+84912345678", "+", "++84", "00", "+1 (212) 555-0100", "+999 12345678", "0۹۱۲۳۴۵۶۷۸",
        "2026-11-30T08:15:00+07:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "99999-01-01T00:00:00Z",
        "-2026-11-30T08:15:00Z", "2026-02-30T08:15:00Z", "2026-11-30T08:15:00+99:99", "2026-11-30T24:00:00Z",
        "2026-11-30T08:15:60Z", "2026-11-30T08:15:00.99999999999999999999Z", "1970-01-01T00:00:00Z",
        "2026-12-05", "2026-2-5", "+202-12-05", "2026-+1-05", "0000-00-00", "9999-12-31", "2024-02-29", "2023-02-29",
        "vi", "hmn", "VI", "hmn-Latn", "en", "zh_Hant_TW", "releasing", "resultReady", "10", "0", "-1", "11",
        "na-u", "cccd_issue", "../../etc/passwd", "%00", "{{name}}", "{{#note}}x{{/note}}", "<script>",
    ]

    /// String tokens written as raw JSON: lone surrogates, invalid UTF-8, escapes, no end.
    static let rawStrings: [[UInt8]] = [
        Array(#""\ud800""#.utf8), Array(#""\udc00\ud800""#.utf8), Array(#""\ud800\u0041""#.utf8), Array(#""\ud83d\ude00""#.utf8),
        Array(#""\u0000""#.utf8), Array(#""\u202e""#.utf8), Array(#""\uFFFF""#.utf8), Array(#""\u12""#.utf8), Array(#""\x41""#.utf8),
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
        [0x22, 0xE1, 0xBA, 0x22], [0x22, 0x61, 0x0A, 0x62, 0x22], Array(#""abc"#.utf8), Array(#""\"#.utf8),
    ]

    /// Values of the wrong type, and nesting at and past the reader's limit.
    static let otherTypes: [[UInt8]] = [
        Array("null".utf8), Array("true".utf8), Array("false".utf8), Array("[]".utf8), Array("{}".utf8), Array("[1,2,3]".utf8),
        Array(#"{"name":"x"}"#.utf8), Array((String(repeating: "[", count: 63) + String(repeating: "]", count: 63)).utf8),
        Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8),
        Array((String(repeating: "{\"a\":", count: 200) + "1" + String(repeating: "}", count: 200)).utf8),
        Array(String(repeating: "[", count: 100_000).utf8), Array("nul".utf8), Array("tru".utf8), Array("NaN".utf8),
        Array("Infinity".utf8), Array("-".utf8), Array("01".utf8), Array(".5".utf8),
    ]
}
