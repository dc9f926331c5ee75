public import LoaCore

/// Which locale's text a message carries, decided from the kind's review in the locale asked
/// for and that locale's ``UnreviewedTextPolicy``: a pure value the composer applies.
///
/// | asked text | policy | ``locale`` | ``unreviewedLocale`` |
/// |---|---|---|---|
/// | reviewed (or needs no review) | any | asked | nil |
/// | unreviewed | `send` | asked | nil |
/// | unreviewed | `warn` | asked | asked |
/// | unreviewed | `hold` | `vi` | asked |
/// | unreviewed | `hold`, `holdAs: operator` | asked, waiting for an operator (``heldForReviewOf``) | asked |
public struct LocaleChoice: Sendable, Equatable {
    /// The locale whose text the message carries.
    public let locale: MessageLocale
    /// The locale whose text was unreviewed when the message was made: the message carries it
    /// anyway when this equals ``locale`` (`warn`), or carries ``locale``'s text instead (`hold`).
    /// Nil when nothing needs saying.
    public let unreviewedLocale: MessageLocale?

    /// Set when the message waits for an operator instead of going (``UnreviewedHold/forOperator``):
    /// the SHA-256 of the unreviewed template text it carries, which a review must approve for
    /// the message to go by itself. Nil when the message goes as decided.
    public let heldForReviewOf: String?

    /// Creates a choice.
    public init(locale: MessageLocale, unreviewedLocale: MessageLocale?, heldForReviewOf: String? = nil) {
        self.locale = locale
        self.unreviewedLocale = unreviewedLocale
        self.heldForReviewOf = heldForReviewOf
    }

    /// The locale whose text replaces an unreviewed one under `hold`.
    public static let holdLocale = MessageLocale.vietnamese
}
