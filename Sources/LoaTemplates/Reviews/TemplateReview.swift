public import Foundation
public import LoaCore

/// A native speaker's sign-off on one exact text: who, when, and the SHA-256 of the template file
/// as it was approved, with that text kept so `loa templates diff` can show what changed since.
///
/// Recorded by `loa templates review` in `reviews.yaml` (see ``TemplateReviewLedger``). A review
/// approves bytes, not a kind: once the file changes, its hash no longer matches and the text
/// counts as unreviewed again (``TemplateCatalog/unreviewed()``).
public struct TemplateReview: Sendable, Equatable {
    /// The kind whose text was reviewed.
    public let kind: NotificationKind
    /// The locale of the text.
    public let locale: MessageLocale
    /// Who reviewed it, as they gave their name.
    public let reviewedBy: String
    /// When the review was recorded.
    public let reviewedAt: Date
    /// SHA-256 of the template file's UTF-8 bytes, lower-case hex.
    public let sha256: String
    /// The reviewer's remarks, if any.
    public let notes: String?
    /// The template file's text as it was approved.
    public let text: String

    /// Creates a review of `text`; the hash is computed from it.
    public init(kind: NotificationKind, locale: MessageLocale, reviewedBy: String, reviewedAt: Date, notes: String?, text: String) {
        self.init(kind: kind, locale: locale, reviewedBy: reviewedBy, reviewedAt: reviewedAt, sha256: TextDigest.sha256(text), notes: notes, text: text)
    }

    /// A review as read back from the ledger, with the hash it was recorded with.
    init(kind: NotificationKind, locale: MessageLocale, reviewedBy: String, reviewedAt: Date, sha256: String, notes: String?, text: String) {
        self.kind = kind
        self.locale = locale
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.sha256 = sha256
        self.notes = notes
        self.text = text
    }

    /// True when this review approved exactly `text`.
    public func approves(_ text: String) -> Bool {
        TextDigest.sha256(text) == sha256
    }
}
