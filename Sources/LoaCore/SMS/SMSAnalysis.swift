/// The result of analysing a text for sending: its encoding, its cost in parts, and the parts.
public struct SMSAnalysis: Sendable, Equatable, Codable {
    /// The text as it will be sent (after any normalisation or folding); `parts.joined()`.
    public let text: String
    /// GSM-7 when every character is in the GSM 7-bit alphabet, UCS-2 otherwise.
    public let encoding: SMSEncoding
    /// The number of SMS parts the text costs (1 for an empty text).
    public let segments: Int
    /// The text's length in the encoding's units: septets for GSM-7 (an extension-table
    /// character counts 2), UTF-16 code units for UCS-2 (an emoji usually counts 2).
    public let units: Int
    /// The text of each part, in order; never splits an escape pair, a surrogate pair or,
    /// unless a single character is larger than a part, a character.
    public let parts: [String]
}
