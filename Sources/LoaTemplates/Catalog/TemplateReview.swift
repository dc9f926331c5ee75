public import LoaCore

/// A native speaker's sign-off on one kind's text in one locale, as recorded in the catalog.
public struct TemplateReview: Sendable, Equatable {
    /// Who reviewed the text; nil while unreviewed.
    public let reviewedBy: String?
    /// When the text was reviewed; nil while unreviewed.
    public let reviewedAt: CalendarDay?
    /// What a reviewer should know, e.g. which words are outside the working glossary.
    public let notes: String?

    /// True when both the reviewer and the date are recorded.
    public var isSignedOff: Bool { reviewedBy != nil && reviewedAt != nil }
}
