import LoaCore

/// The catalog's sample variables: a value per variable, either shared by every locale or given
/// per locale (a procedure's name differs between Vietnamese and Mông texts).
struct SampleValues: Sendable {
    let shared: [String: TemplateValue]
    let perLocale: [MessageLocale: [String: TemplateValue]]

    /// Every sample value that applies to `locale`.
    func values(for locale: MessageLocale) -> [String: TemplateValue] {
        shared.merging(perLocale[locale] ?? [:]) { _, localised in localised }
    }
}
