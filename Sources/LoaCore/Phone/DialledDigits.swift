/// The digits of a phone number as a person typed it, separators removed.
struct DialledDigits {
    /// The digits (0–9), without the international prefix.
    let digits: [UInt8]
    /// True when the number was written with an international prefix, `+` or `00`.
    let isInternational: Bool

    /// Reads digits, accepting spaces, dots, dashes and brackets between them and one `+`
    /// before the first digit.
    init(_ input: String) throws(PhoneNumberError) {
        var digits: [UInt8] = []
        var hasPlus = false
        for character in input {
            if let ascii = character.asciiValue, ascii >= 0x30, ascii <= 0x39 {
                digits.append(ascii - 0x30)
            } else if character == "+", !hasPlus, digits.isEmpty {
                hasPlus = true
            } else if !(character.isWhitespace || ".-()".contains(character)) {
                throw .invalidCharacter(character)
            }
        }
        guard !digits.isEmpty else { throw .empty }
        if hasPlus {
            self.digits = digits
            isInternational = true
        } else if digits.starts(with: [0, 0]) {
            self.digits = Array(digits.dropFirst(2))
            isInternational = true
        } else {
            self.digits = digits
            isInternational = false
        }
    }
}
