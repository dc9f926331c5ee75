import Foundation
import LoaCore
import LoaTemplates
import LoaTestSupport

/// A text the benchmark sends, with what Loa's own SMS analysis says about it: whether it needs
/// UCS-2 and how many SMS parts it costs (Kannel splits it into as many).
struct BenchmarkText {
    let text: String
    let ucs2: Bool
    let parts: Int

    init(_ message: RenderedMessage) {
        text = message.analysis.text
        ucs2 = message.analysis.encoding == .ucs2
        parts = message.analysis.segments
    }

    /// The texts the benchmarks send, in turn: `result_ready` in Vietnamese (UCS-2) and Mông
    /// (GSM-7), rendered from the template catalog.
    static func resultReady() throws -> [BenchmarkText] {
        let catalog = try TemplateCatalog.load(from: LoaBinary.repositoryRoot.appendingPathComponent("templates"))
        return try [MessageLocale.vietnamese, .hmong].map { locale in
            BenchmarkText(try catalog.render(kind: .resultReady, locale: locale, variables: catalog.sampleVariables(for: .resultReady, locale: locale)))
        }
    }

    /// The SMS parts of messages 0..<`messages` when message i has text i mod `texts.count`.
    static func parts(of messages: Int, texts: [BenchmarkText]) -> Int {
        (0..<messages).reduce(0) { $0 + texts[$1 % texts.count].parts }
    }

    /// One line of the texts file `scripts/bench/kannel-sendsms.lua` reads: Kannel's `coding`
    /// (0 GSM-7, 2 UCS-2), a space, and the text percent-encoded as UTF-8.
    var sendSMSLine: String { (ucs2 ? "2 " : "0 ") + text.percentEncoded }
}

extension String {
    /// Percent-encoded as UTF-8 except RFC 3986's unreserved characters (ASCII letters, digits
    /// and `-._~`): a query value as Kannel's `sendsms` takes it.
    var percentEncoded: String { addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}

private let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
