import Foundation
import LoaCore

/// Keeps a value inside a message that must stay GSM-7 (a Mông text, sent folded): after the
/// usual normalisation and folding, a character GSM-7 lacks is replaced when a plain form says
/// the same (`₫` → `d`, a letter with a mark → the letter), and refused otherwise (an emoji, a
/// character of another script), so one value can never turn the whole message into UCS-2.
enum PlainLetters {
    /// `text` folded and made GSM-7, or the first character that cannot be.
    static func make(_ text: String) -> Result<String, UnsuitableCharacter> {
        let folded = VietnameseFolding.fold(SMSText.normalise(text))
        if SMSText.isGSM7(folded) { return .success(folded) }
        var plain = ""
        for character in folded {
            let written = String(character)
            if SMSText.isGSM7(written) {
                plain += written
            } else if let replacement = replacements[character] {
                plain += replacement
            } else {
                let letters = String(String.UnicodeScalarView(
                    written.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
                guard !letters.isEmpty, SMSText.isGSM7(letters) else { return .failure(UnsuitableCharacter(character)) }
                plain += letters
            }
        }
        return .success(plain)
    }

    /// Plain forms of symbols that say the same thing.
    private static let replacements: [Character: String] = [
        "₫": "d", "×": "x", "№": "No", "‰": "0/00", "½": "1/2",
    ]

    /// A character no plain form can stand for.
    struct UnsuitableCharacter: Error {
        let character: Character

        init(_ character: Character) { self.character = character }

        /// `'😀' (U+1F600)`.
        var described: String {
            let codes = character.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return "'\(character)' (\(codes.joined(separator: " ")))"
        }
    }
}
