public import Foundation
import LoaCore
import Yams

/// `reviews.yaml` in the templates directory: every review ever recorded, oldest first.
///
/// Kept apart from `catalog.yaml` because a command writes it: `loa templates review` appends one
/// entry at the end, so the hand-written catalog and its comments are never rewritten, and the
/// file reads as a history in version control. Each entry keeps the approved text, so a change
/// can be shown against it without the repository's history.
///
/// ```yaml
/// reviews:
///   - kind: "result_ready"
///     locale: "hmn"
///     reviewedBy: "Vàng A Dế"
///     reviewedAt: "2026-12-05T19:04:00+07:00"
///     sha256: "3f0c…"
///     notes: "teev kept"
///     text: "Nyob zoo {{name}}. …\n"
/// ```
public enum TemplateReviewLedger {
    /// The ledger's file name inside the templates directory.
    public static let file = "reviews.yaml"

    /// The reviews recorded in `directory`'s ledger, oldest first; none when the file is absent.
    static func read(from directory: URL) throws(TemplateCatalogError) -> [TemplateReview] {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .malformedYAML(file: file, line: nil, problem: "\(error)")
        }
        guard case .mapping(let mapping)? = root, let list = mapping["reviews"] else {
            throw .missingKey(file: file, line: nil, key: "reviews", fix: "the file holds `reviews:` and the entries loa templates review appends")
        }
        if list.null != nil { return [] }
        guard case .sequence(let entries) = list else {
            throw .invalidValue(file: file, line: list.mark?.line, key: "reviews", found: "not a list", fix: "keep the entries loa templates review appends")
        }
        var reviews: [TemplateReview] = []
        for entry in entries {
            reviews.append(try review(entry))
        }
        return reviews
    }

    /// Appends `review` to `directory`'s ledger, creating the file when absent.
    public static func append(_ review: TemplateReview, to directory: URL) throws {
        let url = directory.appendingPathComponent(file)
        var existing = (try? String(contentsOf: url, encoding: .utf8)) ?? header
        if !existing.hasSuffix("\n") { existing += "\n" }
        try (existing + entry(review)).write(to: url, atomically: true, encoding: .utf8)
    }

    /// What a new ledger starts with.
    static let header = """
        # Native speakers' reviews of template texts, appended by `loa templates review`; see README.md.
        # Each entry approves one exact text (its SHA-256): when the file changes, the text counts as
        # unreviewed again until it is reviewed anew. Do not edit entries by hand.
        reviews:

        """

    /// One entry, every value a JSON string (which YAML reads as a double-quoted scalar).
    static func entry(_ review: TemplateReview) -> String {
        var lines = [
            "  - kind: \(quoted(review.kind.rawValue))",
            "    locale: \(quoted(review.locale.rawValue))",
            "    reviewedBy: \(quoted(review.reviewedBy))",
            "    reviewedAt: \(quoted(VietnamTimestamp.format(review.reviewedAt)))",
            "    sha256: \(quoted(review.sha256))",
        ]
        if let notes = review.notes { lines.append("    notes: \(quoted(notes))") }
        lines.append("    text: \(quoted(review.text))")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding a String cannot fail.
        return (try? String(decoding: encoder.encode(text), as: UTF8.self)) ?? "\"\""
    }

    private static func review(_ node: Node) throws(TemplateCatalogError) -> TemplateReview {
        let line = node.mark?.line
        guard case .mapping(let mapping) = node else {
            throw .invalidValue(file: file, line: line, key: "reviews", found: "an entry that is not a mapping", fix: "keep the entries loa templates review appends")
        }
        func field(_ key: String) throws(TemplateCatalogError) -> String {
            guard let value = mapping[key]?.string, mapping[key]?.null == nil else {
                throw .missingKey(file: file, line: line, key: "reviews[].\(key)", fix: "record reviews with loa templates review")
            }
            return value
        }
        let written = try field("reviewedAt")
        guard let reviewedAt = VietnamTimestamp.parse(written) else {
            throw .invalidValue(file: file, line: line, key: "reviews[].reviewedAt", found: written, fix: "write an RFC 3339 time such as 2026-12-05T19:04:00+07:00")
        }
        let sha256 = try field("sha256")
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else {
            throw .invalidValue(file: file, line: line, key: "reviews[].sha256", found: sha256, fix: "a SHA-256 is 64 hex digits; record reviews with loa templates review")
        }
        return TemplateReview(
            kind: NotificationKind(rawValue: try field("kind")), locale: MessageLocale(rawValue: try field("locale")),
            reviewedBy: try field("reviewedBy"), reviewedAt: reviewedAt, sha256: sha256.lowercased(),
            notes: mapping["notes"].flatMap { $0.null == nil ? $0.string : nil }, text: try field("text"))
    }
}
