import Foundation
import LoaCore
@testable import LoaProviders
import LoaTestSupport
import Testing

/// Property-based fuzzing of Kannel's receipt parsing (`parseReceipt(parameters:receivedAt:)`):
/// authentic parameter maps, as Loa's own `dlr-url` carries them, with values replaced by
/// extreme numbers and odd text, parameters dropped or added, and arrival times from any era.
/// Nothing traps; a refusal names a parameter the parser reads; a receipt is accepted only with
/// the signed values untouched and before they expire.
@Suite("Fuzz: Kannel receipt parser")
struct ReceiptFuzzTests {
    static let signed = ["messageId", "attempt", "expires", "sig"]
    static let read: Set<String> = ["messageId", "attempt", "expires", "sig", "type"]

    static let oddValues = [
        "", " ", "0", "1", "-1", "+1", " 1", "1 ", "01", "1.0", "1e3", "0x10", "٣", "１", "2", "4", "8", "16", "32",
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", String(repeating: "9", count: 300), "nan", "inf", "-0",
        String(repeating: "a", count: 5000), "a" + String(repeating: "\u{301}", count: 2000), "\u{202E}", "\u{0}", "%A", "%d",
        "msg_01hx", "deadbeef", String(repeating: "0", count: 32), "Giàng", "👨‍👩‍👧", "\u{FFFF}",
    ]

    @Test("parameter maps never trap; refusals name a parameter; only untouched, unexpired maps are accepted")
    func parameterMaps() throws {
        let run = FuzzRun("kannel-receipts", defaultSeed: 13_013, defaultIterations: 4000)
        var generator = run.generator()
        let now = Date(timeIntervalSince1970: 1_795_971_600)
        let kannel = try KannelProvider(
            name: "kannel",
            settings: KannelSettings(
                sendURL: URL(string: "http://127.0.0.1:9/cgi-bin/sendsms")!, username: "loa", password: "secret",
                receiptBaseURL: URL(string: "http://127.0.0.1:8080")!,
                receiptSecret: "fuzz-receipt-secret-of-at-least-32-bytes!"),
            now: { now })
        var accepted = 0, refused = 0, failures = 0
        for iteration in 0..<run.iterations {
            let messageId = "msg_" + String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
            let expires = now.timeIntervalSince1970 + Double(Int.random(in: -100...100_000, using: &generator))
            let url = kannel.receiptURL(
                messageId: messageId, attempt: Int.random(in: 1...9, using: &generator), expires: Int64(expires))
            var original = Self.query(of: url)
            original["type"] = ["1", "2", "4", "8", "16"].randomElement(using: &generator)!
            original["answer"] = Bool.random(using: &generator) ? "ACK/" : Self.oddValues.randomElement(using: &generator)!
            var parameters = original
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let key = (Self.read.sorted() + ["answer", "junk"]).randomElement(using: &generator)!
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    parameters[key] = nil
                } else {
                    parameters[key] = Self.oddValues.randomElement(using: &generator)!
                }
            }
            let receivedAt = [now, now.addingTimeInterval(200_000), Date.distantFuture, Date.distantPast,
                              Date(timeIntervalSince1970: -1e12), Date(timeIntervalSince1970: 1e300)].randomElement(using: &generator)!
            var problems: [String] = []
            do {
                let receipt = try kannel.parseReceipt(parameters: parameters, receivedAt: receivedAt)
                accepted += 1
                let untouched = Self.signed.allSatisfy { parameters[$0] == original[$0] }
                if !untouched { problems.append("accepted with a signed parameter changed") }
                if let expiry = Double(parameters["expires"] ?? ""), receivedAt.timeIntervalSince1970 > expiry {
                    problems.append("accepted after it expired")
                }
                if receipt.messageId != parameters["messageId"] { problems.append("the receipt is for \(receipt.messageId ?? "nil")") }
                if receipt.provider != "kannel" { problems.append("the receipt names provider \(receipt.provider)") }
                if receipt.detail.utf8.count > 4096 { problems.append("a detail of \(receipt.detail.utf8.count) bytes") }
            } catch {
                refused += 1
                if !Self.read.contains(error.parameter) { problems.append("refused naming \(error.parameter)") }
                if error.message.isEmpty { problems.append("refused without a message") }
            }
            if !problems.isEmpty, failures < 10 {
                failures += 1
                Issue.record("seed \(run.seed), iteration \(iteration): \(problems.joined(separator: "; ")); parameters: \(parameters.mapValues(FuzzRun.escaped)); received \(receivedAt.timeIntervalSince1970)")
            }
        }
        print("fuzz kannel-receipts: accepted \(accepted), refused \(refused)")
        #expect(accepted > run.iterations / 100 && refused > run.iterations / 100, "accepted \(accepted), refused \(refused)")
    }

    /// The query parameters of `url`, percent-decoded.
    static func query(of url: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for item in URLComponents(string: url)?.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        return parameters
    }
}
