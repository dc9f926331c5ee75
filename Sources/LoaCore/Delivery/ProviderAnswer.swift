/// A provider's own wording (a DLR's SMSC answer, an error body) made safe to store and show:
/// it comes from outside, so it is capped in bytes and carries no control characters.
///
/// ```swift
/// let stored = ProviderAnswer.sanitized("id:1\nstat:DELIVRD\u{7}")   // "id:1 stat:DELIVRD"
/// ```
public enum ProviderAnswer {
    /// The most UTF-8 bytes kept of one answer.
    public static let maxBytes = 256

    /// `text` with each run of control characters (C0, DEL, C1) and bidirectional formatting
    /// characters turned into one space, trimmed, and cut at a character boundary to at most
    /// `maxBytes` UTF-8 bytes (a cut answer ends with `…`).
    public static func sanitized(_ text: String, maxBytes: Int = maxBytes) -> String {
        var cleaned = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                pendingSpace = !cleaned.isEmpty
                continue
            }
            if pendingSpace {
                cleaned.unicodeScalars.append(" ")
                pendingSpace = false
            }
            cleaned.unicodeScalars.append(scalar)
        }
        while cleaned.last == " " { cleaned.removeLast() }
        guard cleaned.utf8.count > maxBytes else { return cleaned }
        let ellipsis = "…"
        let budget = max(0, maxBytes - ellipsis.utf8.count)
        var kept = ""
        var used = 0
        for character in cleaned {
            let size = character.utf8.count
            guard used + size <= budget else { break }
            kept.append(character)
            used += size
        }
        return kept + ellipsis
    }

    /// C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates
    /// that would reorder what an operator reads.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        TextLimit.isControl(scalar) || TextLimit.isBidirectionalControl(scalar)
    }
}
