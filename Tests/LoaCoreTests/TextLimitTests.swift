import LoaCore
import Testing

@Suite("Text limits: characters, bytes, control and bidirectional characters")
struct TextLimitTests {
    let name = TextLimit(maxCharacters: 120)

    @Test("Vietnamese and Mông names of up to 120 characters keep the limit, composed or not")
    func ordinaryNames() {
        #expect(name.maxBytes == 480)
        #expect(name.violation(in: "Giàng A Vảng") == nil)
        #expect(name.violation(in: String(repeating: "Nguyễn ", count: 16) + "Hoa") == nil)
        // Decomposed (NFD): ễ is e + two combining marks, five bytes for one character.
        #expect(name.violation(in: String(repeating: "Nguye\u{302}\u{303}n ", count: 14)) == nil)
        #expect(name.violation(in: String(repeating: "a", count: 120)) == nil)
    }

    @Test("more characters than allowed, or more bytes than four per character, are refused")
    func lengths() {
        #expect(name.violation(in: String(repeating: "a", count: 121)) == .tooManyCharacters(limit: 120))
        #expect(name.violation(in: String(repeating: "ễ", count: 121)) == .tooManyCharacters(limit: 120))
        // 120 characters, but a megabyte of combining marks.
        let stacked = String(repeating: "a" + String(repeating: "\u{301}", count: 4000), count: 120)
        #expect(stacked.count == 120)
        #expect(name.violation(in: stacked) == .tooManyBytes(stacked.utf8.count, limit: 480))
        // One character of 481 bytes.
        let one = "a" + String(repeating: "\u{301}", count: 240)
        #expect(name.violation(in: one) == .tooManyBytes(481, limit: 480))
    }

    @Test("every bidirectional control is refused; joiners and right-to-left letters are not", arguments: [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ] as [UInt32])
    func bidirectionalControls(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(TextLimit.isBidirectionalControl(scalar))
        #expect(name.violation(in: "Giàng \(scalar)A Vảng") == .bidirectionalControl(scalar))
        #expect(TextLimit(maxCharacters: 500).violation(in: "\(scalar)") == .bidirectionalControl(scalar))
    }

    @Test("characters next to the bidirectional controls are kept")
    func neighbours() {
        for value: UInt32 in [0x061B, 0x061D, 0x200D, 0x200C, 0x2029, 0x202F, 0x2065, 0x206A, 0x05D0, 0x0645] {
            let scalar = Unicode.Scalar(value)!
            #expect(!TextLimit.isBidirectionalControl(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(name.violation(in: "محمد שלום 👨‍👩‍👧") == nil)
    }

    @Test("control characters are refused")
    func controls() {
        #expect(name.violation(in: "a\u{0}b") == .controlCharacter("\u{0}"))
        #expect(name.violation(in: "a\u{7F}") == .controlCharacter("\u{7F}"))
        #expect(name.violation(in: "\u{9F}") == .controlCharacter("\u{9F}"))
        #expect(name.violation(in: "\u{A0}x") == nil)
    }

    @Test("messages name the field, the limit and the code point")
    func messages() {
        #expect(TextLimitViolation.tooManyBytes(600, limit: 480).message(field: "applicant.name")
            == "applicant.name takes 600 bytes of UTF-8, more than 480; shorten it or remove stacked combining marks")
        #expect(TextLimitViolation.tooManyCharacters(limit: 500).message(field: "note") == "note is longer than 500 characters")
        #expect(TextLimitViolation.bidirectionalControl("\u{202E}").message(field: "note").hasPrefix("note contains the bidirectional control U+202E"))
        #expect(TextLimitViolation.controlCharacter("\u{1}").message(field: "source").contains("U+0001"))
    }
}
