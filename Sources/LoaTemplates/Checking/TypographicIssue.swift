import LoaCore

/// A character in a template file that would be changed before sending (a curly quote, a dash,
/// an ellipsis, a no-break or zero-width space, a combining mark): the file should hold what is
/// sent, and one stray quote pasted from a word processor can double a message's cost.
struct TypographicIssue: CustomStringConvertible {
    let scalar: Unicode.Scalar
    /// What the character is sent as; nil for a combining mark.
    let replacement: String?

    /// Nil when `scalar` is sent as it is written.
    init?(_ scalar: Unicode.Scalar) {
        if scalar.properties.generalCategory == .nonspacingMark {
            self.scalar = scalar
            replacement = nil
            return
        }
        guard !scalar.isASCII || scalar == "`" || scalar == "\t" else { return nil }
        let written = String(scalar)
        let sent = SMSText.normalise(written)
        guard sent != written else { return nil }
        self.scalar = scalar
        replacement = sent
    }

    var description: String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let name = "U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code) \(scalar.properties.name ?? "")"
        return switch replacement {
        case nil: "\(name) is a combining mark; type the letter precomposed (save the file as Unicode NFC)"
        case "": "\(name) is invisible and removed before sending; delete it"
        case " ": "\(name) is sent as a plain space; type a plain space instead"
        case let replacement?: "\(name) is sent as `\(replacement)`; type that instead"
        }
    }
}
