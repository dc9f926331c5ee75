/// The rules every dossier code from outside keeps. Codes are opaque (see the domain notes):
/// only their length and characters are checked, never their parts.
///
/// ```swift
/// DossierCode.isWellFormed("000.00.00.H15-241130-0001")   // true
/// DossierCode.isWellFormed("HS 12")                       // false: a space
/// ```
public enum DossierCode {
    /// The most characters a code may have.
    public static let maxLength = 64

    /// What a refusal says a code may hold.
    public static let rule = "letters, digits and . - _ / (for example 000.00.00.H15-241130-0001)"

    /// Whether `code` holds only ASCII letters, digits and `. - _ /`, and is not empty.
    public static func isWellFormed(_ code: String) -> Bool {
        !code.isEmpty && code.unicodeScalars.allSatisfy(isCodeCharacter)
    }

    private static func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "-", "_", "/": true
        default: false
        }
    }
}
