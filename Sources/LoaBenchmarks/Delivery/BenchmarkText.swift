import Foundation
import LoaCore
import LoaTemplates

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

    /// One line of the texts file `scripts/bench/kannel-sendsms.lua` reads: Kannel's `coding`
    /// (0 GSM-7, 2 UCS-2), a space, and the text percent-encoded as UTF-8.
    var sendSMSLine: String {
        (ucs2 ? "2 " : "0 ") + (text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")
    }

    /// RFC 3986's unreserved characters, ASCII only: everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
