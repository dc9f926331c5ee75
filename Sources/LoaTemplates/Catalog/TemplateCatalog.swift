public import LoaCore

/// The template catalog: every notification kind, its texts per locale, and the rules they must keep.
///
/// Load it once at start-up; every template is parsed then, so rendering never re-parses.
///
/// ```swift
/// let catalog = try TemplateCatalog.load(from: URL(fileURLWithPath: "templates"))
/// let message = try catalog.render(kind: .resultReady, locale: .hmong, variables: [
///     "name": .text("Giàng A Vảng"),
///     "dossierCode": .text("000.00.00.H15-241130-0001"),
///     "procedure": .text("Cap doi the can cuoc"),
///     "office": .text("Công an xã Na Ư"),
/// ])
/// message.analysis.text       // "Nyob zoo Giang A Vang. Koj cov ntaub ntawv …"
/// message.analysis.encoding   // .gsm7
/// ```
public struct TemplateCatalog: Sendable {
    /// The locales the catalog ships texts for, in catalog order.
    public let locales: [MessageLocale]
    /// The kinds the catalog defines, in catalog order.
    public let kinds: [NotificationKind]
    let localeDefinitions: [MessageLocale: LocaleDefinition]
    /// Declared variables and their types.
    let variableTypes: [String: VariableType]
    /// Declared variables in catalog order.
    let variableNames: [String]
    let entries: [NotificationKind: KindEntry]
    let samples: SampleValues
    /// `values.yaml`: the lists events and appointments choose values from by code.
    let listedValues: ListedValues
    /// Every review in `reviews.yaml`, oldest first.
    let reviews: [TemplateReview]
    /// The line of each key path in `catalog.yaml`, for problems.
    let catalogLines: [String: Int]
    /// Problems found while loading (unknown keys, files the catalog does not know).
    let loadProblems: [TemplateProblem]

    /// The definition of `kind`, nil when the catalog has no such kind.
    public func definition(of kind: NotificationKind) -> KindDefinition? {
        entries[kind]?.definition
    }

    /// The encoding policy used for `locale` when the caller chooses none; `unicode` for a locale
    /// the catalog does not know.
    public func defaultPolicy(for locale: MessageLocale) -> EncodingPolicy {
        localeDefinitions[locale]?.defaultPolicy ?? .unicode
    }

    /// Renders `kind` in `locale`, applying `policy` (or the locale's default), and analyses the
    /// result for sending.
    ///
    /// `variables` may hold any declared variable; those `kind` does not take are ignored, so a
    /// caller can pass the same office details to every kind. Text is inserted as given (no HTML
    /// escaping); empty text counts as absent. Dates, times and amounts are written the locale's way.
    /// In a locale sent folded by default (Mông), folded text values must stay GSM-7: a symbol
    /// with a plain form is replaced (`₫` → `d`), anything else (an emoji) is refused with
    /// ``TemplateRenderError/notPlainText(_:character:)``.
    public func render(
        kind: NotificationKind,
        locale: MessageLocale,
        variables: [String: TemplateValue],
        policy: EncodingPolicy? = nil
    ) throws(TemplateRenderError) -> RenderedMessage {
        guard let entry = entries[kind] else { throw .unknownKind(kind) }
        guard let localeDefinition = localeDefinitions[locale], let template = entry.templates[locale] else {
            throw .unsupportedLocale(locale, kind: kind)
        }
        var shown = try shownValues(variables, for: entry, format: localeDefinition.format, clockHour: localeDefinition.clockHour)
        let appliedPolicy = policy ?? entry.definition.encoding[locale] ?? localeDefinition.defaultPolicy
        if appliedPolicy == .fold, localeDefinition.defaultPolicy == .fold {
            shown = try plainValues(shown, of: entry)
        }
        return RenderedMessage(
            kind: kind, locale: locale, policy: appliedPolicy,
            analysis: SMSText.prepare(template.render(shown), policy: appliedPolicy)
        )
    }

    /// The variables `entry`'s kind takes, by slot, written the way `format` shows them; empty
    /// text counts as absent. Throws for undeclared variables, wrong types and missing required
    /// variables; declared variables the kind does not take are checked, then ignored.
    func shownValues(
        _ variables: [String: TemplateValue], for entry: KindEntry, format: ValueFormat, clockHour: ClockHourWord = .teev
    ) throws(TemplateRenderError) -> [String?] {
        var shown = [String?](repeating: nil, count: entry.slotTypes.count)
        for (name, value) in variables {
            if let slot = entry.slots.indices[name], let type = entry.slotTypes[slot] {
                guard value.type == type else { throw .wrongType(name, expected: type) }
                let text = format.format(value, clockHour: clockHour)
                if !text.isEmpty { shown[slot] = text }
            } else {
                guard let type = variableTypes[name] else { throw .unknownVariable(name) }
                guard value.type == type else { throw .wrongType(name, expected: type) }
            }
        }
        for slot in entry.requiredSlots where shown[slot] == nil {
            throw .missingVariable(entry.slots.names[slot])
        }
        return shown
    }

    /// `shown` with every text value made GSM-7 (``PlainLetters``), for a locale whose messages
    /// are sent folded and must stay GSM-7; throws naming the variable that cannot be.
    private func plainValues(_ shown: [String?], of entry: KindEntry) throws(TemplateRenderError) -> [String?] {
        var plain = shown
        for (slot, value) in shown.enumerated() {
            guard let value, entry.slotTypes[slot] == .text else { continue }
            switch PlainLetters.make(value) {
            case .success(let text): plain[slot] = text
            case .failure(let unsuitable): throw .notPlainText(entry.slots.names[slot], character: unsuitable.described)
            }
        }
        return plain
    }

    /// The catalog's sample variables for `kind` in `locale`: realistic, deliberately long values
    /// used by `loa templates check` for segment budgets and by `loa render` without `--vars`.
    public func sampleVariables(for kind: NotificationKind, locale: MessageLocale) -> [String: TemplateValue] {
        guard let entry = entries[kind] else { return [:] }
        return samples.values(for: locale).filter { entry.slots.indices[$0.key] != nil }
    }
}
