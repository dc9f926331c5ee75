import Foundation
import LoaCore
import LoaTestSupport
import Testing

/// Loa's GSM-7/UCS-2 decision and splitting against an independent implementation: the Python
/// `smpplib` package's GSM helpers (in `.venv-peers`, set up by `scripts/test`). Cases where
/// smpplib departs from 3GPP TS 23.038/23.040 are flagged by `scripts/crosscheck/gsm_crosscheck.py`
/// and left out of the comparison.
@Suite("SMS encoding cross-check against smpplib",
       .enabled(if: Peers.isCI || Peers.smpplibPython != nil, "no .venv-peers with smpplib (run scripts/test to create it); skipping the smpplib cross-check"))
struct SMSCrossCheckTests {
    static let textCount = 3000

    struct Verdict: Decodable {
        let encoding: String
        let parts: [String]?
        let encodingComparable: Bool
        let partsComparable: Bool
    }

    @Test("3000 generated texts: same encoding and the same parts")
    func crossCheck() async throws {
        let python = try #require(Peers.smpplibPython, "CI=true requires .venv-peers/bin/python with smpplib")
        var generator = SeededGenerator(seed: 20_261_130)
        let texts = (0..<Self.textCount).map { _ in TextGenerator.text(using: &generator) }
        var input = Data()
        for text in texts {
            input += try JSONEncoder().encode(["text": text])
            input += Data("\n".utf8)
        }
        let output = try await Peers.runCapturing(python, [LoaBinary.repositoryRoot.appendingPathComponent("scripts/crosscheck/gsm_crosscheck.py").path], input: input)
        let lines = output.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == texts.count)

        var encodingsCompared = 0, partsCompared = 0, multiPart = 0
        for (text, line) in zip(texts, lines) {
            let verdict = try JSONDecoder().decode(Verdict.self, from: Data(line))
            let ours = SMSText.analyse(text)
            if verdict.encodingComparable {
                encodingsCompared += 1
                #expect(ours.encoding.rawValue == verdict.encoding, "encoding of \(text.debugDescription.prefix(60))")
            }
            guard verdict.partsComparable, let parts = verdict.parts, Self.cutsOnCharacterBoundaries(parts, of: text) else { continue }
            partsCompared += 1
            if parts.count > 1 { multiPart += 1 }
            #expect(parts.map { Array($0.unicodeScalars) } == ours.parts.map { Array($0.unicodeScalars) },
                    "parts of \(text.debugDescription.prefix(60)): smpplib \(parts.map(\.unicodeScalars.count)), Loa \(ours.parts.map(\.unicodeScalars.count))")
        }
        print("smpplib cross-check: \(texts.count) texts, \(encodingsCompared) encodings and \(partsCompared) part lists (\(multiPart) multi-part) compared")
        #expect(encodingsCompared > texts.count / 3)
        #expect(multiPart > 200)
    }

    /// smpplib cuts by bytes; where a cut falls inside a Swift character (a combining mark, a
    /// ZWJ sequence), Loa keeps the character whole, so the two cannot be compared.
    static func cutsOnCharacterBoundaries(_ parts: [String], of text: String) -> Bool {
        var offset = 0
        for part in parts.dropLast() {
            offset += part.unicodeScalars.count
            guard offset <= text.unicodeScalars.count else { return false }
            let index = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: offset)
            if String.Index(index, within: text) == nil { return false }
        }
        return true
    }
}

/// Texts around every boundary: plain GSM, extension characters, GSM Latin letters,
/// Vietnamese with marks, emoji and other characters that force UCS-2.
enum TextGenerator {
    static let plain = Array("abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,:;!?-'\"()/@#%&*+=<>").map(String.init)
    static let gsmExtension = ["€", "{", "}", "[", "]", "~", "|", "^", "\\"]
    static let gsmLatin = ["é", "è", "à", "ù", "ì", "ò", "Ç", "Ø", "ø", "Å", "å", "Δ", "Ω", "Æ", "ß", "É", "Ä", "Ö", "Ñ", "Ü", "ä", "ö", "ñ", "ü", "¿", "¡", "£", "¥", "¤", "\n"]
    static let vietnamese = ["ư", "ộ", "ế", "đ", "Đ", "ă", "ơ", "ờ", "ạ", "ẫ", "ỹ", "ê", "ô"]
    static let exotic = ["😀", "🎉", "👍🏽", "❤️", "🇻🇳"]

    static func text(using generator: inout SeededGenerator) -> String {
        func pick(_ pool: [String]) -> String { pool[Int(generator.next() % UInt64(pool.count))] }
        let length = Int(generator.next() % 480)
        let mode = generator.next() % 4
        var text = ""
        for _ in 0..<length {
            let roll = generator.next() % 100
            switch mode {
            case 0: text += roll < 85 ? pick(plain) : roll < 95 ? pick(gsmExtension) : pick(gsmLatin)
            case 1: text += roll < 70 ? pick(plain) : roll < 95 ? pick(vietnamese) : pick(exotic)
            case 2: text += roll < 60 ? pick(plain) : roll < 75 ? pick(gsmExtension) : pick(gsmLatin)
            default: text += roll < 50 ? pick(plain) : roll < 60 ? pick(gsmExtension) : roll < 70 ? pick(gsmLatin) : roll < 90 ? pick(vietnamese) : pick(exotic)
            }
        }
        return text
    }
}
