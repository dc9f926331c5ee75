import Testing
@testable import LoaCore

@Suite("GSM-7 alphabet")
struct SMSGSM7AlphabetTests {
    @Test func referenceTableIsComplete() {
        #expect(SMSReferenceAlphabet.defaultAlphabet.count == 127)
        #expect(Set(SMSReferenceAlphabet.defaultAlphabet).count == 127)
    }

    @Test func defaultAlphabetCharactersAreOneSeptet() {
        for scalar in SMSReferenceAlphabet.defaultAlphabet {
            let analysis = SMSText.analyse(String(scalar))
            #expect(analysis.encoding == .gsm7, "U+\(String(scalar.value, radix: 16))")
            #expect(analysis.units == 1, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func extensionCharactersAreTwoSeptets() {
        for scalar in SMSReferenceAlphabet.extensionTable {
            let analysis = SMSText.analyse(String(scalar))
            #expect(analysis.encoding == .gsm7, "U+\(String(scalar.value, radix: 16))")
            #expect(analysis.units == 2, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func everyOtherScalarIsUCS2() {
        let gsm = Set(SMSReferenceAlphabet.defaultAlphabet + SMSReferenceAlphabet.extensionTable)
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(SMSText.isGSM7(text) == gsm.contains(scalar), "U+\(String(value, radix: 16))")
            // Inside ASCII text too, where the fast path runs, and inside non-ASCII text.
            #expect(SMSText.isGSM7("abc" + text + "def") == gsm.contains(scalar))
            #expect(SMSText.isGSM7("é" + text) == gsm.contains(scalar))
        }
    }

    @Test func longTextsMeasureLikeShortOnes() {
        // Longer than the blocks the fast paths work in.
        let text = String(repeating: "a{b€c", count: 200)
        let analysis = SMSText.analyse(text)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == 200 * 7)
        #expect(analysis.parts.allSatisfy { !$0.isEmpty })
        #expect(analysis.parts.joined() == text)
    }
}
