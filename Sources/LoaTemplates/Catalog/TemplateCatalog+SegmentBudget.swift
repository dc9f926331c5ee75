public import LoaCore

extension TemplateCatalog {
    /// The segment budget of `kind` in `locale` (its `maxSegments`); empty for a kind or locale
    /// the catalog does not know.
    public func segmentBudget(of kind: NotificationKind, in locale: MessageLocale) -> SegmentBudget {
        SegmentBudget(limits: definition(of: kind)?.maxSegments[locale] ?? [:])
    }

    /// Renders `kind` as ``render(kind:locale:variables:policy:)`` does, and keeps the kind's
    /// `maxSegments` budget for `locale` with these very values, not only with the samples
    /// `loa templates check` tries. In the order of ``SegmentBudget``:
    /// 1. the text rendered with `policy` (or the kind's or locale's), when it keeps that budget;
    /// 2. else the text folded, when it keeps the `fold` budget;
    /// 3. else folded, with every `shortenable` text value cut to the most characters that fit
    ///    (at least ``SegmentBudget/minimumKeptCharacters``) and ended with `…`.
    ///
    /// ```swift
    /// let message = try catalog.renderWithinBudget(
    ///     kind: .supplementRequired, locale: .vietnamese, variables: variables, shortenable: ["missing"])
    /// ```
    /// - Throws: ``TemplateRenderError/overBudget(_:locale:segments:budget:fitsWithoutShortenable:)``
    ///   when nothing fits, and every error of `render`.
    public func renderWithinBudget(
        kind: NotificationKind,
        locale: MessageLocale,
        variables: [String: TemplateValue],
        policy: EncodingPolicy? = nil,
        shortenable: Set<String> = []
    ) throws(TemplateRenderError) -> RenderedMessage {
        let budget = segmentBudget(of: kind, in: locale)
        var rendered = try render(kind: kind, locale: locale, variables: variables, policy: policy)
        if budget.allows(rendered.analysis, policy: rendered.policy) { return rendered }
        for fallback in budget.policies(startingWith: rendered.policy).dropFirst() {
            rendered = try render(kind: kind, locale: locale, variables: variables, policy: fallback)
            if budget.allows(rendered.analysis, policy: fallback) { return rendered }
        }
        let policy = rendered.policy
        let cuttable = variables.compactMapValues { value -> String? in
            guard case .text(let text) = value else { return nil }
            return text
        }.filter { shortenable.contains($0.key) }
        func fits(_ values: [String: TemplateValue]) -> RenderedMessage? {
            guard let candidate = try? render(kind: kind, locale: locale, variables: values, policy: policy),
                  budget.allows(candidate.analysis, policy: policy) else { return nil }
            return candidate
        }
        func cut(to length: Int) -> [String: TemplateValue] {
            variables.merging(cuttable.mapValues { .text(TemplateCatalog.shortened($0, to: length)) }) { $1 }
        }
        let longest = cuttable.values.map(\.count).max() ?? 0
        if let kept = SegmentBudget.longestFitting(
            upTo: longest, atLeast: SegmentBudget.minimumKeptCharacters, fits: { fits(cut(to: $0)) != nil }),
           let shortened = fits(cut(to: kept)) {
            return shortened
        }
        let fitsWithout = !cuttable.isEmpty && fits(variables.filter { cuttable[$0.key] == nil }) != nil
        throw .overBudget(
            kind, locale: locale, segments: rendered.analysis.segments, budget: budget.limit(for: policy) ?? 0,
            fitsWithoutShortenable: fitsWithout)
    }

    /// `text` cut to its first `length` characters and ended with `…` (sent as `...`), or
    /// `text` itself when it is no longer.
    static func shortened(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        return String(text.prefix(length)).trimmingWhitespace() + "…"
    }
}
