/// The placeholders a template may use that come from the message being sent (everything else
/// comes from `providers.<name>.secrets.*` or `providers.<name>.settings.*`).
public enum MessageField: String, Sendable, CaseIterable {
    /// The recipient in E.164 (`+84912345678`).
    case to
    /// The recipient's digits without `+` (`84912345678`), as many Vietnamese APIs take it.
    case toDigits
    /// The recipient in national form (`0912345678`); foreign numbers as ``toDigits``.
    case toNational
    /// The message text, UTF-8.
    case text
    /// The sender (brandname).
    case sender
    /// The encoding, through `encodings.gsm7` / `encodings.ucs2` (default `GSM-7` / `UCS-2`).
    case encoding
    /// How many SMS parts the text takes.
    case segments
    /// The notification kind, through `kinds.<kind>` or `kinds.default` (default the kind's name).
    case kind
    /// The provider template id from the catalog's `providerTemplateIds` (empty when none).
    case templateId
    /// Loa's reference for this attempt (`<messageId>.<attempt>`).
    case reference
    /// Loa's message id.
    case messageId
    /// The signed receipt callback URL for this attempt.
    case callbackURL
}
