import LoaCore

/// What the catalog says about one locale: its default encoding policy, how it writes values, and
/// whether its texts need a native speaker's sign-off.
struct LocaleDefinition: Sendable {
    let locale: MessageLocale
    let defaultPolicy: EncodingPolicy
    let format: ValueFormat
    let requiresReview: Bool
}
