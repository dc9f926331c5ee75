public import LoaCore

/// Why a message could not be rendered; each description says what to change.
public enum TemplateRenderError: Error, Equatable, CustomStringConvertible {
    /// The catalog has no such kind.
    case unknownKind(NotificationKind)
    /// The catalog has no template for this kind in this locale.
    case unsupportedLocale(MessageLocale, kind: NotificationKind)
    /// A required variable is absent or empty.
    case missingVariable(String)
    /// A variable's value is not of its declared type.
    case wrongType(String, expected: VariableType)
    /// A variable the catalog does not declare (usually a misspelling).
    case unknownVariable(String)
    /// A text value holds a character (described, e.g. `'😀' (U+1F600)`) that a message which
    /// must stay GSM-7 (a Mông text) cannot carry, even folded.
    case notPlainText(String, character: String)
    /// Even folded and with its free text cut short, the message costs `segments` parts, over
    /// its `budget`; `fitsWithoutShortenable` says whether leaving the free text out would fit.
    case overBudget(NotificationKind, locale: MessageLocale, segments: Int, budget: Int, fitsWithoutShortenable: Bool)

    /// The error as one line that says what to change.
    public var description: String {
        switch self {
        case .unknownKind(let kind):
            "unknown notification kind '\(kind)': it is not in templates/catalog.yaml; use one of its kinds or add it there"
        case .unsupportedLocale(let locale, let kind):
            "no template for '\(kind)' in locale '\(locale)': add templates/\(locale)/\(kind).mustache and the locale to catalog.yaml, or send in another locale"
        case .missingVariable(let name):
            "missing variable '\(name)': the template requires it; give a non-empty value"
        case .wrongType(let name, let expected):
            "variable '\(name)' has the wrong type: expected \(expected)"
        case .unknownVariable(let name):
            "unknown variable '\(name)': it is not declared under 'variables' in templates/catalog.yaml; check its spelling or declare it"
        case .notPlainText(let name, let character):
            "variable '\(name)' holds \(character), which a message that must stay in plain letters (GSM-7, as Mông texts are sent) cannot carry; remove it or write it in plain letters"
        case .overBudget(let kind, let locale, let segments, let budget, _):
            "the \(kind) message in \(locale) costs \(segments) SMS parts even folded, over its budget of \(budget) (kinds.\(kind).maxSegments.\(locale)); shorten the values"
        }
    }
}
