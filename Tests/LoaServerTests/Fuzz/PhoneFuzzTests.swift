import Foundation
import LoaCore
import LoaTestSupport
import Testing

/// Property-based fuzzing of `PhoneNumber(parsing:allowForeign:)` with strings of digits,
/// separators, prefixes, digits of other scripts, combining marks and whatever else: nothing
/// traps; an accepted number is valid E.164 that parses back to itself; a refusal never repeats
/// the number it refuses.
@Suite("Fuzz: phone number parser")
struct PhoneFuzzTests {
    static let pieces: [String] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "9", "8", "84", "+84", "0084", "+", "00", "(", ")", " ", ".", "-",
        "\u{3000}", "\u{A0}", "\t", "\n", "٠", "٩", "۹", "०", "０", "９", "𝟗", "\u{301}", "\u{20DD}", "\u{200D}", "\u{202E}",
        "x", "ext", "#", "*", "/", "📞", "e", "½", "²", "Ⅻ", "①", "0912345678", "0162 345 6789", "+1 212 555 0100",
    ]

    @Test("random strings never trap; accepted numbers are valid E.164 and parse back; refusals hide the number")
    func strings() throws {
        let run = FuzzRun("phones", defaultSeed: 912_345_678, defaultIterations: 20_000)
        var generator = run.generator()
        var accepted = 0, refused = 0, failures = 0
        for iteration in 0..<run.iterations {
            var input = ""
            switch Int.random(in: 0..<5, using: &generator) {
            case 4:
                // A mobile number in one of its written forms, separators anywhere, then perhaps one piece more.
                let prefix = ["32", "39", "86", "98", "81", "88", "91", "94", "70", "79", "90", "52", "92", "59", "99", "87", "55", "20", "11", "162", "123"]
                    .randomElement(using: &generator)!
                let subscriber = (0..<7).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
                let form = ["0", "+84", "84", "0084", "+84 (0)", "+84 0"].randomElement(using: &generator)! + prefix + subscriber
                for character in form {
                    input.append(character)
                    if Int.random(in: 0..<4, using: &generator) == 0 { input += [" ", ".", "-", "\u{A0}"].randomElement(using: &generator)! }
                }
                if Int.random(in: 0..<3, using: &generator) == 0 { input += Self.pieces.randomElement(using: &generator)! }
            case 0:
                // Only ASCII digits: every length, every prefix.
                input = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            case 1:
                input = String(repeating: "9", count: Int.random(in: 0...2000, using: &generator))
            default:
                for _ in 0..<Int.random(in: 0...24, using: &generator) { input += Self.pieces.randomElement(using: &generator)! }
            }
            let allowForeign = Bool.random(using: &generator)
            var problems: [String] = []
            do {
                let number = try PhoneNumber(parsing: input, allowForeign: allowForeign)
                accepted += 1
                let digits = number.e164.dropFirst()
                if number.e164.first != "+" || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) || !(8...15).contains(digits.count) {
                    problems.append("\(number.e164) is not E.164")
                }
                if number.isVietnamese && (number.e164.count != 12 || number.carrier == nil) {
                    problems.append("\(number.e164) is not a Vietnamese mobile number")
                }
                if !allowForeign && !number.isVietnamese { problems.append("a foreign number accepted") }
                if (try? PhoneNumber(e164: number.e164)) != number { problems.append("\(number.e164) does not parse back") }
                if number.masked.contains(String(digits.dropLast(3).suffix(4))) && digits.count > 7 {
                    problems.append("the mask \(number.masked) shows hidden digits")
                }
            } catch {
                refused += 1
                let typed = input.filter { $0.isASCII && $0.isNumber }
                if error.message.isEmpty { problems.append("refused without a message") }
                if typed.count >= 7 && error.message.contains(typed) { problems.append("the refusal repeats the number: \(error.message)") }
            }
            if !problems.isEmpty, failures < 10 {
                failures += 1
                Issue.record("seed \(run.seed), iteration \(iteration): \(problems.joined(separator: "; ")); input \"\(FuzzRun.escaped(input))\"")
            }
        }
        print("fuzz phones: accepted \(accepted), refused \(refused)")
        #expect(accepted > run.iterations / 100 && refused > run.iterations / 100, "accepted \(accepted), refused \(refused)")
    }
}
