extension PhoneNumber {
    /// Parses a number typed in any accepted form.
    ///
    /// Spaces, dots, dashes and brackets are ignored. Vietnamese mobile numbers are accepted as
    /// `0` + 9 digits or `+84`, `84`, `0084` + 9 digits (a `0` after the country code, as in
    /// `+84 (0)912 345 678`, is dropped); legacy 11-digit numbers (`0162 …`, `+84 162 …`) are
    /// mapped to their current prefix, keeping the last 7 digits. Landlines (area codes 02…)
    /// are refused. A foreign number (`+` or `00`, a country code, 8–15 digits in all) is accepted
    /// only when `allowForeign` is true.
    public init(parsing input: String, allowForeign: Bool = false) throws(PhoneNumberError) {
        let dialled = try DialledDigits(input)
        let digits = dialled.digits
        let startsWithVietnamCode = digits.starts(with: [8, 4])
        if dialled.isInternational && !startsWithVietnamCode {
            try self.init(foreignDigits: digits, allowForeign: allowForeign)
        } else if dialled.isInternational || (startsWithVietnamCode && digits.count >= 11) {
            try self.init(nationalDigits: Self.nationalDigits(afterVietnamCode: digits.dropFirst(2)))
        } else if digits.first == 0 {
            try self.init(nationalDigits: digits)
        } else {
            throw .missingTrunkPrefix
        }
    }

    /// The national form (leading 0) of the digits that follow +84; a 0 written after the
    /// country code is dropped rather than doubled.
    private static func nationalDigits(afterVietnamCode digits: ArraySlice<UInt8>) -> [UInt8] {
        [0] + (digits.first == 0 ? digits.dropFirst() : digits)
    }

    /// Validates a Vietnamese number in national form (leading 0), mapping legacy prefixes.
    private init(nationalDigits digits: [UInt8]) throws(PhoneNumberError) {
        guard digits.count >= 10 else { throw .tooShortNational }
        guard digits.count <= 11 else { throw .tooLongNational }
        if digits[1] == 2 {
            // Hà Nội (024) and Hồ Chí Minh City (028) have 3-digit area codes, the rest 4.
            let areaCodeLength = digits[2] == 4 || digits[2] == 8 ? 3 : 4
            throw .landline(areaCode: Self.text(of: digits.prefix(areaCodeLength)))
        }
        let subscriber = digits.suffix(7)
        let prefix: Int
        if digits.count == 11 {
            guard digits[1] == 1 else { throw .tooLongNational }
            let legacyPrefix = Int(digits[1]) * 100 + Int(digits[2]) * 10 + Int(digits[3])
            guard let currentPrefix = LegacyMobilePrefix.currentPrefix(replacing: legacyPrefix) else {
                throw .unknownLegacyPrefix(Self.text(of: digits.prefix(4)))
            }
            prefix = currentPrefix
        } else {
            prefix = Int(digits[1]) * 10 + Int(digits[2])
        }
        guard let carrier = Carrier(mobilePrefix: prefix) else {
            throw .unknownPrefix(Self.text(of: digits.prefix(3)))
        }
        self.init(validatedE164: Self.vietnamPrefix + String(prefix) + Self.text(of: subscriber), carrier: carrier)
    }

    /// Validates a foreign number given as its digits after the `+`.
    private init(foreignDigits digits: [UInt8], allowForeign: Bool) throws(PhoneNumberError) {
        guard let countryCode = CountryCallingCode.leading(digits) else { throw .invalidCountryCode }
        guard allowForeign else { throw .foreignNotAllowed(countryCode: countryCode) }
        guard digits.count >= 8 else { throw .tooShortInternational }
        guard digits.count <= 15 else { throw .tooLongInternational }
        self.init(validatedE164: "+" + Self.text(of: digits), carrier: nil)
    }

    /// Digits (0–9) as text.
    private static func text(of digits: some Sequence<UInt8>) -> String {
        String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
    }
}
