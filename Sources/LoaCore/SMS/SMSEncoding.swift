/// The character set an SMS is sent in (3GPP TS 23.038).
public enum SMSEncoding: String, Sendable, Codable {
    /// The GSM 7-bit default alphabet and its extension table: 160 septets in one part.
    case gsm7 = "GSM-7"
    /// UTF-16 (UCS-2 on the wire): 70 code units in one part; needed by any other character.
    case ucs2 = "UCS-2"
}
