public import LoaCore

/// A template text that needs a native speaker's review and has none that matches it: never
/// reviewed, or changed since its last review. What `loa templates check` lists and an operator
/// view flags.
///
/// ```swift
/// for text in catalog.unreviewed() {
///     print(text.file, text.lastReview.map { "changed since \($0.reviewedBy)'s review" } ?? "never reviewed")
/// }
/// ```
public struct UnreviewedText: Sendable, Equatable {
    /// The kind.
    public let kind: NotificationKind
    /// The locale whose text it is.
    public let locale: MessageLocale
    /// The template file, relative to the templates directory (`hmn/result_ready.mustache`).
    public let file: String
    /// The latest review of an earlier version of this text; nil when it was never reviewed.
    public let lastReview: TemplateReview?

    /// True when an earlier version was reviewed and the text changed afterwards.
    public var changedSinceReview: Bool { lastReview != nil }
}
