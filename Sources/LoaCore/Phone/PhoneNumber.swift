/// A mobile phone number that can receive SMS, stored in E.164 form (`+84912345678`).
///
/// Its `description` is the masked form, so a number never reaches a log in full by accident.
/// Encoded (`Codable`) as its E.164 string and validated again when decoded.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The number in E.164 form: `+`, country code and subscriber number, digits only.
    public let e164: String
    /// The Vietnamese network the number's prefix belongs to; nil for foreign numbers.
    /// Numbers can be ported, so this is a routing hint, not a fact.
    public let carrier: Carrier?

    /// True for a Vietnamese (+84) number.
    public var isVietnamese: Bool { e164.hasPrefix(Self.vietnamPrefix) }

    /// The number masked for display: every digit but the last three hidden, one `*` each,
    /// in national format for a Vietnamese number (`*******678` for 0912 345 678) and after
    /// `+` for a foreign one (`+*********123`). Three digits are not enough to find a resident,
    /// even with their name beside them.
    public var masked: String {
        let sign = isVietnamese ? "" : "+"
        let digitCount = isVietnamese ? e164.utf8.count - Self.vietnamPrefix.utf8.count + 1 : e164.utf8.count - 1
        return sign + String(repeating: "*", count: max(0, digitCount - Self.shownDigits)) + e164.suffix(Self.shownDigits)
    }

    /// How many trailing digits ``masked`` shows.
    static let shownDigits = 3

    /// Creates a number from its E.164 form (for example read back from the database), with the
    /// same validation as ``init(parsing:allowForeign:)`` and foreign numbers allowed.
    /// Legacy 11-digit Vietnamese numbers are mapped to their current form.
    public init(e164: String) throws(PhoneNumberError) {
        guard !e164.isEmpty else { throw .empty }
        guard e164.first == "+", e164.utf8.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .notE164
        }
        try self.init(parsing: e164, allowForeign: true)
    }

    /// Creates a number from parts already validated by the parser.
    init(validatedE164 e164: String, carrier: Carrier?) {
        self.e164 = e164
        self.carrier = carrier
    }

    /// The masked number (see ``masked``); never the full number.
    public var description: String { masked }

    /// Vietnam's country calling code, as it starts an E.164 number.
    static let vietnamPrefix = "+84"
}
