public import Foundation
public import LoaCore

extension TemplateCatalog {
    /// Whether `locale`'s texts need a native speaker's review (`locales.<tag>.requiresReview`).
    public func requiresReview(_ locale: MessageLocale) -> Bool {
        localeDefinitions[locale]?.requiresReview ?? false
    }

    /// What is sent while a text of `locale` is unreviewed (`locales.<tag>.unreviewed`, default `warn`).
    public func unreviewedPolicy(for locale: MessageLocale) -> UnreviewedTextPolicy {
        localeDefinitions[locale]?.unreviewedPolicy ?? .warn
    }

    /// The template file's text of `kind` in `locale`, exactly as loaded; nil when there is none.
    public func text(of kind: NotificationKind, in locale: MessageLocale) -> String? {
        entries[kind]?.templates[locale]?.source
    }

    /// Every review recorded for `kind` in `locale`, oldest first, whatever text each approved.
    public func reviews(of kind: NotificationKind, in locale: MessageLocale) -> [TemplateReview] {
        reviews.filter { $0.kind == kind && $0.locale == locale }
    }

    /// The latest review that approved the text `kind` has in `locale` now; nil when none did.
    public func review(approving kind: NotificationKind, in locale: MessageLocale) -> TemplateReview? {
        guard let text = text(of: kind, in: locale) else { return nil }
        return reviews(of: kind, in: locale).last { $0.approves(text) }
    }

    /// True when `locale` needs no review, or a review approved exactly the text `kind` has now.
    public func isReviewed(_ kind: NotificationKind, in locale: MessageLocale) -> Bool {
        !requiresReview(locale) || review(approving: kind, in: locale) != nil
    }

    /// Every text that needs a native speaker's review and has none that matches it (never
    /// reviewed, or changed since), in catalog order. Not a problem for `check`: operators see
    /// these texts flagged, and ``localeChoice(for:requested:)`` applies the locale's policy.
    public func unreviewed() -> [UnreviewedText] {
        kinds.flatMap { kind in
            locales.compactMap { locale in
                guard text(of: kind, in: locale) != nil, !isReviewed(kind, in: locale) else { return nil }
                return UnreviewedText(
                    kind: kind, locale: locale, file: Self.templateFile(kind: kind, locale: locale),
                    lastReview: reviews(of: kind, in: locale).last)
            }
        }
    }

    /// Which locale's text a message of `kind` asked for in `requested` carries, by the text's
    /// review and the locale's ``UnreviewedTextPolicy``; see ``LocaleChoice``.
    public func localeChoice(for kind: NotificationKind, requested: MessageLocale) -> LocaleChoice {
        guard !isReviewed(kind, in: requested) else { return LocaleChoice(locale: requested, unreviewedLocale: nil) }
        switch unreviewedPolicy(for: requested) {
        case .send: return LocaleChoice(locale: requested, unreviewedLocale: nil)
        case .warn: return LocaleChoice(locale: requested, unreviewedLocale: requested)
        case .hold:
            guard unreviewedHold(for: requested) == .forOperator, let text = text(of: kind, in: requested) else {
                return LocaleChoice(locale: LocaleChoice.holdLocale, unreviewedLocale: requested)
            }
            return LocaleChoice(locale: requested, unreviewedLocale: requested, heldForReviewOf: TextDigest.sha256(text))
        }
    }

    /// What `hold` does in `locale` (`locales.<tag>.holdAs`, default `vietnamese`).
    public func unreviewedHold(for locale: MessageLocale) -> UnreviewedHold {
        localeDefinitions[locale]?.unreviewedHold ?? .vietnamese
    }

    /// The texts approved by the reviews recorded in `directory`'s `reviews.yaml` now, read
    /// afresh (a running gateway sees reviews recorded after it started): what releases the
    /// messages held for a review of exactly those texts.
    public static func approvedTexts(in directory: URL) throws -> [ApprovedText] {
        try TemplateReviewLedger.read(from: directory).map {
            ApprovedText(kind: $0.kind, locale: $0.locale, sha256: $0.sha256)
        }
    }

    /// A review of the text `kind` has in `locale` now, by `reviewer` at `date`, ready for
    /// ``TemplateReviewLedger/append(_:to:)``; nil when the catalog has no such text.
    public func newReview(
        of kind: NotificationKind, in locale: MessageLocale, by reviewer: String, notes: String?, at date: Date
    ) -> TemplateReview? {
        guard let text = text(of: kind, in: locale) else { return nil }
        return TemplateReview(kind: kind, locale: locale, reviewedBy: reviewer, reviewedAt: date, notes: notes, text: text)
    }

    /// Problems in `reviews.yaml`: a review of a kind or locale the catalog lacks, or whose kept
    /// text does not match its hash (edited by hand).
    func reviewLedgerProblems() -> [TemplateProblem] {
        reviews.compactMap { review in
            let what = "the review of \(review.kind) in \(review.locale) by \(review.reviewedBy)"
            if entries[review.kind] == nil || localeDefinitions[review.locale] == nil {
                return TemplateProblem(file: TemplateReviewLedger.file, message: "\(what) names a kind or locale catalog.yaml does not have; remove the entry")
            }
            if !review.approves(review.text) {
                return TemplateProblem(file: TemplateReviewLedger.file, kind: review.kind, locale: review.locale,
                                       message: "\(what): the kept text does not match its sha256 (edited by hand?); restore the entry or review the text again")
            }
            return nil
        }
    }
}
