/// An SMPP address with its type of number (TON) and numbering plan (NPI).
public struct SMPPAddress: Sendable, Equatable {
    public var ton: UInt8
    public var npi: UInt8
    public var address: String

    /// The source address for a sender: a brandname (any letter) is alphanumeric (TON 5, NPI 0);
    /// `+` and digits international (TON 1, NPI 1, without the `+`); up to 8 digits a short code
    /// (TON 3 network-specific, NPI 0); longer digits national (TON 2, NPI 1).
    public static func source(_ sender: String) -> SMPPAddress {
        if sender.contains(where: { $0.isLetter }) {
            return SMPPAddress(ton: 5, npi: 0, address: String(sender.prefix(11)))
        }
        if sender.hasPrefix("+") {
            return SMPPAddress(ton: 1, npi: 1, address: String(sender.dropFirst()))
        }
        return sender.count <= 8 ? SMPPAddress(ton: 3, npi: 0, address: sender) : SMPPAddress(ton: 2, npi: 1, address: sender)
    }

    /// The destination for an E.164 number: international, ISDN, without the `+`.
    public static func destination(e164: String) -> SMPPAddress {
        SMPPAddress(ton: 1, npi: 1, address: e164.hasPrefix("+") ? String(e164.dropFirst()) : e164)
    }
}
