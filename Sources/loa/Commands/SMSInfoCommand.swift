import ArgumentParser
import Foundation
import LoaCore

/// `loa sms-info`: what a text will cost as an SMS.
struct SMSInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sms-info",
        abstract: "Show how a text would be sent: encoding, parts and length.",
        discussion: """
            Typographic characters (curly quotes, dashes, no-break spaces, …) are normalised first, \
            as the gateway does. With --encoding fold, Vietnamese is sent without marks.
            """
    )

    @Option(name: .long, help: "Encoding policy: unicode (as written), fold or auto.")
    var encoding = "unicode"

    @Flag(name: .long, help: "Print the analysis as JSON: text, encoding, segments, units, parts.")
    var json = false

    @Argument(help: "The text to analyse.")
    var text: String

    func validate() throws {
        guard EncodingPolicy(rawValue: encoding) != nil else {
            throw ValidationError("unknown encoding '\(encoding)'; use one of \(EncodingPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let analysis = SMSText.prepare(text, policy: EncodingPolicy(rawValue: encoding) ?? .unicode)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(analysis), as: UTF8.self))
            return
        }
        let unit = analysis.encoding == .gsm7 ? "septets" : "UTF-16 units"
        print("encoding: \(analysis.encoding.rawValue)")
        print("segments: \(analysis.segments)")
        print("units: \(analysis.units) \(unit)")
        for (index, part) in analysis.parts.enumerated() {
            print("part \(index + 1): \(part)")
        }
    }
}
