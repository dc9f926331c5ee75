import LoaCore
import Testing

@Suite("Provider answers as stored")
struct ProviderAnswerTests {
    @Test("control and bidi characters become one space; plain answers are kept as they are")
    func controlsStripped() {
        #expect(ProviderAnswer.sanitized("id:1 stat:DELIVRD err:000") == "id:1 stat:DELIVRD err:000")
        #expect(ProviderAnswer.sanitized("id:1\r\nstat:DELIVRD\u{7}") == "id:1 stat:DELIVRD")
        #expect(ProviderAnswer.sanitized("\u{1B}[2J\u{202E}gnp.exe\u{202C}") == "[2J gnp.exe")
        #expect(ProviderAnswer.sanitized("a\u{0}\u{85}\u{7F}b") == "a b")
        #expect(ProviderAnswer.sanitized("\n\t") == "")
        #expect(ProviderAnswer.sanitized("Hồ sơ đã có kết quả") == "Hồ sơ đã có kết quả")
    }

    @Test("long answers are cut at a character boundary to the byte cap, marked with an ellipsis")
    func capped() {
        let long = String(repeating: "ế", count: 200)   // 3 bytes each
        let stored = ProviderAnswer.sanitized(long)
        #expect(stored.utf8.count <= ProviderAnswer.maxBytes)
        #expect(stored.hasSuffix("…"))
        #expect(stored.dropLast().allSatisfy { $0 == "ế" })
        #expect(stored.utf8.count > ProviderAnswer.maxBytes - 6)
        // One character with thousands of combining marks is megabytes of nothing: it goes whole.
        let heavy = "a" + String(repeating: "\u{0301}", count: 5000)
        #expect(ProviderAnswer.sanitized("ok " + heavy) == "ok …")
        let exact = String(repeating: "x", count: ProviderAnswer.maxBytes)
        #expect(ProviderAnswer.sanitized(exact) == exact)
        #expect(ProviderAnswer.sanitized(exact + "y").utf8.count == ProviderAnswer.maxBytes)
    }
}
