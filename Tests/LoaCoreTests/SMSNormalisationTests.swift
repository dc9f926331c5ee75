import Testing
@testable import LoaCore

/// Compares scalar by scalar: `String ==` treats canonically equivalent texts (NFC and NFD) as
/// equal, which would hide what normalisation does.
private func scalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

@Suite("SMSText.normalise")
struct SMSNormalisationTests {
    @Test(arguments: [
        ("‘single’ ‚low‛", "'single' 'low'"),
        ("“double” „low‟ «guillemets»", "\"double\" \"low\" \"guillemets\""),
        ("it`s ´quoted´ ʼmodifierʼ", "it's 'quoted' 'modifier'"),
        ("2′ 3″", "2' 3\""),
        ("en – em — minus − bar ― hyphen ‐ nb‑hyphen", "en - em - minus - bar - hyphen - nb-hyphen"),
        ("• item", "- item"),
        ("wait…", "wait..."),
        ("no\u{00A0}break\u{202F}narrow\u{2009}thin\u{3000}ideographic\tab", "no break narrow thin ideographic ab"),
        ("line\u{2028}para\u{2029}next\u{0085}", "line\npara\nnext\n"),
        ("zero\u{200B}width\u{2060}joiner\u{FEFF}bom\u{00AD}soft", "zerowidthjoinerbomsoft"),
        ("stray\u{200D}joiner\u{200C}s", "strayjoiners"),
    ])
    func replacesTypography(_ input: String, _ expected: String) {
        #expect(scalars(SMSText.normalise(input)) == scalars(expected))
    }

    @Test func plainTextIsUnchanged() {
        for text in ["", "Nyob zoo Giang A Vang", "Công an xã Na Ư", "a\r\nb {[€]}", "😀 ñ ß"] {
            #expect(scalars(SMSText.normalise(text)) == scalars(text))
        }
    }

    @Test func joinersInsideEmojiSequencesAreKept() {
        let family = "👨‍👩‍👧"
        #expect(scalars(SMSText.normalise(family)) == scalars(family))
    }

    @Test func decomposedVietnameseIsComposed() {
        // NFD: every mark a separate scalar.
        let decomposed = "Co\u{302}ng an xa\u{303} Na U\u{31B} - "
            + "ho\u{302}\u{300} so\u{31B} đa\u{303} co\u{301} ke\u{302}\u{301}t qua\u{309}"
        #expect(scalars(SMSText.normalise(decomposed)) == scalars("Công an xã Na Ư - hồ sơ đã có kết quả"))
    }

    @Test func dotBelowBeforeOrAfterTheVowelMarkIsComposed() {
        #expect(scalars(SMSText.normalise("e\u{323}\u{302}")) == scalars("ệ"))
        #expect(scalars(SMSText.normalise("e\u{302}\u{323}")) == scalars("ệ"))
        // "Unicode tổ hợp": precomposed vowel plus combining tone mark.
        #expect(scalars(SMSText.normalise("\u{EA}\u{323} \u{1A1}\u{301}")) == scalars("ệ ớ"))
    }

    @Test func marksThatMakeNoVietnameseLetterAreKept() {
        // A circumflex typed after an acute stacks differently: not the same letter as "ấ".
        #expect(scalars(SMSText.normalise("a\u{301}\u{302}")) == scalars("á\u{302}"))
        #expect(scalars(SMSText.normalise("n\u{303}")) == scalars("n\u{303}"))
        #expect(scalars(SMSText.normalise("a\u{301}\u{301}")) == scalars("á\u{301}"))
    }

    @Test func composingMakesGSM7LettersGSM7() {
        let analysis = SMSText.prepare("Cafe\u{301}", policy: .unicode)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == 4)
    }
}
