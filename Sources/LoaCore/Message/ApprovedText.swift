/// A template text a native speaker's review approved: the kind, the locale and the SHA-256 of
/// the exact text. A message held for a review (``WaitReason/textReview``) goes by itself once
/// one of these names the text it carries.
public struct ApprovedText: Sendable, Hashable {
    /// The kind whose text was reviewed.
    public let kind: NotificationKind
    /// The locale of the text.
    public let locale: MessageLocale
    /// SHA-256 of the template text, 64 lower-case hex digits.
    public let sha256: String

    /// Creates one.
    public init(kind: NotificationKind, locale: MessageLocale, sha256: String) {
        self.kind = kind
        self.locale = locale
        self.sha256 = sha256
    }
}
