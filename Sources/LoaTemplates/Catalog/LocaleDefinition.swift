import LoaCore

/// What the catalog says about one locale: its default encoding policy, how it writes values,
/// whether its texts need a native speaker's sign-off and what is sent while they lack one.
struct LocaleDefinition: Sendable {
    let locale: MessageLocale
    let defaultPolicy: EncodingPolicy
    let format: ValueFormat
    let requiresReview: Bool
    /// `locales.<tag>.unreviewed`: what is sent while a text of this locale is unreviewed.
    let unreviewedPolicy: UnreviewedTextPolicy
    /// `locales.<tag>.holdAs`: what `hold` does (Vietnamese at once, or wait for an operator).
    let unreviewedHold: UnreviewedHold
    /// `locales.<tag>.clockHour`: the word after a time's digits (`hmong-rpa` only).
    let clockHour: ClockHourWord
}
