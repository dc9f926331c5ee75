/// The errors the phone number parser throws, each with its message.
extension PhoneNumberError {
    private static let mobileExample = "Give a mobile number such as 0912 345 678."

    static let empty = PhoneNumberError(.empty, "No phone number was given. \(mobileExample)")

    static func invalidCharacter(_ character: Character) -> PhoneNumberError {
        let codePoints = character.unicodeScalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
        return PhoneNumberError(
            .invalidCharacters,
            "This number contains “\(character)” (\(codePoints)); a phone number may contain only "
                + "digits, spaces, dots, dashes, brackets and a leading +."
        )
    }

    static let notE164 = PhoneNumberError(
        .invalidCharacters,
        "This is not a number in E.164 form, which is + followed by digits only, such as +84912345678."
    )

    static let tooShortNational = PhoneNumberError(
        .tooShort,
        "This number is too short: a Vietnamese mobile number has 10 digits (0912 345 678) "
            + "or +84 and 9 digits (+84 912 345 678)."
    )

    static let tooLongNational = PhoneNumberError(
        .tooLong,
        "This number is too long: a Vietnamese mobile number has 10 digits (0912 345 678) "
            + "or +84 and 9 digits (+84 912 345 678)."
    )

    static let tooShortInternational = PhoneNumberError(
        .tooShort,
        "This international number is too short: with its country code it has at least 8 digits."
    )

    static let tooLongInternational = PhoneNumberError(
        .tooLong,
        "This international number is too long: with its country code it has at most 15 digits."
    )

    static func landline(areaCode: String) -> PhoneNumberError {
        PhoneNumberError(
            .landline,
            "This number is a landline (area code \(areaCode)); landlines cannot receive SMS. \(mobileExample)"
        )
    }

    static func unknownPrefix(_ prefix: String) -> PhoneNumberError {
        PhoneNumberError(
            .unknownPrefix,
            "This number starts with \(prefix), which is not a Vietnamese mobile prefix. "
                + "Check the number. \(mobileExample)"
        )
    }

    static func unknownLegacyPrefix(_ prefix: String) -> PhoneNumberError {
        PhoneNumberError(
            .unknownPrefix,
            "This 11-digit number starts with \(prefix), which was never a Vietnamese mobile prefix. "
                + "Check the number. \(mobileExample)"
        )
    }

    static let missingTrunkPrefix = PhoneNumberError(
        .unknownPrefix,
        "This number starts with neither 0 nor +84. Write a Vietnamese mobile number as "
            + "0912 345 678 or +84 912 345 678."
    )

    static func foreignNotAllowed(countryCode: Int) -> PhoneNumberError {
        PhoneNumberError(
            .foreignNotAllowed,
            "This is a foreign number (country code +\(countryCode)); only Vietnamese mobile numbers "
                + "are accepted here. \(mobileExample)"
        )
    }

    static let invalidCountryCode = PhoneNumberError(
        .invalidCountryCode,
        "This number does not start with a country code after the + (or 00). Write a Vietnamese "
            + "number as 0912 345 678 or +84 912 345 678."
    )
}
