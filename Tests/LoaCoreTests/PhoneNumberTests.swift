import Foundation
import Testing
@testable import LoaCore

private func parsingError(_ input: String, allowForeign: Bool = false) -> PhoneNumberError? {
    do {
        _ = try PhoneNumber(parsing: input, allowForeign: allowForeign)
        return nil
    } catch {
        return error
    }
}

@Suite("PhoneNumber")
struct PhoneNumberTests {
    static let carrierPrefixes: [(prefix: String, carrier: Carrier)] = [
        ("032", .viettel), ("033", .viettel), ("034", .viettel), ("035", .viettel), ("036", .viettel),
        ("037", .viettel), ("038", .viettel), ("039", .viettel), ("086", .viettel), ("096", .viettel),
        ("097", .viettel), ("098", .viettel),
        ("081", .vinaphone), ("082", .vinaphone), ("083", .vinaphone), ("084", .vinaphone),
        ("085", .vinaphone), ("088", .vinaphone), ("091", .vinaphone), ("094", .vinaphone),
        ("070", .mobifone), ("076", .mobifone), ("077", .mobifone), ("078", .mobifone),
        ("079", .mobifone), ("089", .mobifone), ("090", .mobifone), ("093", .mobifone),
        ("052", .vietnamobile), ("056", .vietnamobile), ("058", .vietnamobile), ("092", .vietnamobile),
        ("059", .gmobile), ("099", .gmobile),
        ("087", .itelecom),
        ("055", .reddi),
    ]

    static let legacyPrefixes: [(legacy: String, current: String, carrier: Carrier)] = [
        ("0120", "070", .mobifone), ("0121", "079", .mobifone), ("0122", "077", .mobifone),
        ("0126", "076", .mobifone), ("0128", "078", .mobifone),
        ("0123", "083", .vinaphone), ("0124", "084", .vinaphone), ("0125", "085", .vinaphone),
        ("0127", "081", .vinaphone), ("0129", "082", .vinaphone),
        ("0162", "032", .viettel), ("0163", "033", .viettel), ("0164", "034", .viettel),
        ("0165", "035", .viettel), ("0166", "036", .viettel), ("0167", "037", .viettel),
        ("0168", "038", .viettel), ("0169", "039", .viettel),
        ("0186", "056", .vietnamobile), ("0188", "058", .vietnamobile),
        ("0199", "059", .gmobile),
    ]

    @Test func everyCarrierPrefix() throws {
        for (prefix, carrier) in Self.carrierPrefixes {
            let number = try PhoneNumber(parsing: prefix + "1234567")
            #expect(number.carrier == carrier, "\(prefix)")
            #expect(number.e164 == "+84" + prefix.dropFirst() + "1234567")
            #expect(number.isVietnamese)
        }
    }

    @Test func everyOtherTwoDigitPrefixIsRefused() {
        let known = Set(Self.carrierPrefixes.map(\.prefix))
        for value in 10...99 where value / 10 != 2 {
            let prefix = "0\(value)"
            guard !known.contains(prefix) else { continue }
            #expect(parsingError(prefix + "1234567")?.reason == .unknownPrefix, "\(prefix)")
        }
        #expect(Set(Carrier.allCases) == Set(Self.carrierPrefixes.map(\.carrier)))
    }

    @Test func everyLegacyPrefix() throws {
        for (legacy, current, carrier) in Self.legacyPrefixes {
            let national = try PhoneNumber(parsing: legacy + "1234567")
            #expect(national.e164 == "+84" + current.dropFirst() + "1234567", "\(legacy)")
            #expect(national.carrier == carrier, "\(legacy)")
            let international = try PhoneNumber(parsing: "+84" + legacy.dropFirst() + "1234567")
            #expect(international == national, "\(legacy)")
        }
    }

    @Test func unknownLegacyPrefixesAreRefused() {
        #expect(parsingError("01301234567")?.reason == .unknownPrefix)
        #expect(parsingError("01611234567")?.reason == .unknownPrefix)
        #expect(parsingError("01611234567")?.message.contains("0161") == true)
    }

    @Test(arguments: [
        "0912 345 678", "0912.345.678", "0912-345-678", "(0912) 345 678", "+84 912-345-678",
        "+84912345678", "84912345678", "0084912345678", "0084 912 345 678", "+84 (0)912 345 678",
        "  0912345678\n",
    ])
    func acceptedForms(_ input: String) throws {
        let number = try PhoneNumber(parsing: input)
        #expect(number.e164 == "+84912345678")
        #expect(number.carrier == .vinaphone)
    }

    @Test func maskedAndDescriptionShowTheLastThreeDigitsOnly() throws {
        let number = try PhoneNumber(parsing: "0912 345 678")
        #expect(number.masked == "*******678")
        #expect(number.description == "*******678")
        #expect("\(number)" == "*******678")
        #expect(!number.masked.contains("0912"))
        // A legacy 11-digit number is masked in its current 10-digit form.
        #expect(try PhoneNumber(parsing: "01234567890").masked == "*******890")
    }

    @Test(arguments: [
        ("0215 3825 555", "0215"), ("02153825555", "0215"), ("+84 215 3825 555", "0215"),
        ("024 3825 5555", "024"), ("028 3825 5555", "028"), ("0206 382 5555", "0206"),
    ])
    func landlinesAreRefused(_ input: String, _ areaCode: String) {
        let error = parsingError(input)
        #expect(error?.reason == .landline)
        #expect(error?.message.contains("area code \(areaCode)") == true)
        #expect(error?.message.contains("landline") == true)
    }

    @Test(arguments: [
        ("", PhoneNumberError.Reason.empty),
        ("   ", .empty),
        ("- .", .empty),
        ("091234567", .tooShort),
        ("0912", .tooShort),
        ("+84 91234567", .tooShort),
        ("091234567890", .tooLong),
        ("09123456789", .tooLong),
        ("+84 9123456789", .tooLong),
        ("0912abc678", .invalidCharacters),
        ("0912345678 ext 2", .invalidCharacters),
        ("0912+345678", .invalidCharacters),
        ("++84912345678", .invalidCharacters),
        ("0111234567", .unknownPrefix),
        ("0600000000", .unknownPrefix),
        ("0001234567", .invalidCountryCode),
        ("912345678", .unknownPrefix),
        ("8491234567", .unknownPrefix),
        ("+0912345678", .invalidCountryCode),
        ("+999 123 456 789", .invalidCountryCode),
        ("+44 7700 900123", .foreignNotAllowed),
        ("0044 7700 900123", .foreignNotAllowed),
    ])
    func refused(_ input: String, _ reason: PhoneNumberError.Reason) {
        #expect(parsingError(input)?.reason == reason)
    }

    @Test func messagesNeverRepeatTheNumber() {
        let inputs = [
            "0215 3825 555", "0912345678901", "091234567", "0111234567", "+44 7700 900123",
            "0912a45678", "+999 123 456 789",
        ]
        for input in inputs {
            let message = parsingError(input)?.message ?? ""
            #expect(!message.isEmpty, "\(input)")
            let digits = input.filter(\.isNumber)
            #expect(!message.contains(digits), "\(input): \(message)")
            #expect(!message.contains(input), "\(input): \(message)")
        }
    }

    @Test func messageExplainsTheReason() {
        #expect(parsingError("0912a45678")?.message.contains("“a”") == true)
        #expect(parsingError("+44 7700 900123")?.message.contains("+44") == true)
        #expect(parsingError("0600000000")?.message.contains("060") == true)
        #expect(parsingError("0912")?.description == parsingError("0912")?.message)
    }

    @Test func foreignNumbersWhenAllowed() throws {
        let number = try PhoneNumber(parsing: "+44 7700 900123", allowForeign: true)
        #expect(number.e164 == "+447700900123")
        #expect(number.carrier == nil)
        #expect(!number.isVietnamese)
        #expect(number.masked == "+*********123")
        #expect(try PhoneNumber(parsing: "0044 7700 900123", allowForeign: true) == number)
        // Vietnamese numbers are still Vietnamese when foreign ones are allowed.
        #expect(try PhoneNumber(parsing: "+84912345678", allowForeign: true).carrier == .vinaphone)
        #expect(parsingError("+44 12345", allowForeign: true)?.reason == .tooShort)
        #expect(parsingError("+44 1234 5678 9012 3456", allowForeign: true)?.reason == .tooLong)
        #expect(parsingError("+999 1234 5678", allowForeign: true)?.reason == .invalidCountryCode)
    }

    @Test func foreignNumbersShowTheLastThreeDigitsOnly() throws {
        #expect(try PhoneNumber(parsing: "+3531234567", allowForeign: true).masked == "+*******567")
        #expect(try PhoneNumber(parsing: "+35312345", allowForeign: true).masked == "+*****345")
    }

    @Test func fromE164() throws {
        #expect(try PhoneNumber(e164: "+84912345678") == PhoneNumber(parsing: "0912 345 678"))
        #expect(try PhoneNumber(e164: "+447700900123").carrier == nil)
        #expect(try PhoneNumber(e164: "+84321234567").carrier == .viettel)
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(e164: "0912345678") }
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(e164: "+84 912 345 678") }
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(e164: "+84212345678") }
        do {
            _ = try PhoneNumber(e164: "")
            Issue.record("accepted an empty string")
        } catch {
            #expect(error.reason == .empty)
        }
    }

    @Test func codableAsTheE164String() throws {
        let number = try PhoneNumber(parsing: "0912 345 678")
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == #"["+84912345678"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: json) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["+84215382555"]"#.utf8))
        }
    }
}
