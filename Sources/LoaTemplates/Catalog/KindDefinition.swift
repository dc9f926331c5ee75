public import LoaCore

/// One notification kind as the catalog defines it: how urgent it is, how long it may wait, which
/// variables it takes, what it may cost and what a reviewer of its texts should look at.
///
/// ```swift
/// let definition = catalog.definition(of: .resultReady)!
/// definition.priority                          // .normal
/// definition.validity                          // .seconds(7 * 86_400)
/// definition.maxSegments[.hmong]?[.fold]       // 2
/// catalog.isReviewed(.resultReady, in: .hmong)  // false until a Mông speaker signs the text off
/// ```
public struct KindDefinition: Sendable {
    /// The kind.
    public let kind: NotificationKind
    /// How urgently messages of this kind go out.
    public let priority: MessagePriority
    /// How long after creation a message may still be sent; see also ``expiresNoLaterThan``.
    public let validity: Duration
    /// A required `dateTime` variable the message must not outlive (for example the appointment
    /// a reminder is about); nil when only ``validity`` applies.
    public let expiresNoLaterThan: String?
    /// Variables the caller must give, non-empty.
    public let required: [String]
    /// Variables the text shows only when given.
    public let optional: [String]
    /// The most parts a sample render may cost, per locale and encoding policy.
    public let maxSegments: [MessageLocale: [EncodingPolicy: Int]]
    /// Provider name → the template id registered with that provider's brandname channel.
    public let providerTemplateIds: [String: String]
    /// What a reviewer of the text in each locale should look at (`review.<locale>.notes`);
    /// the sign-offs themselves are in `reviews.yaml` (``TemplateReview``).
    public let reviewNotes: [MessageLocale: String]
    /// Encoding policies this kind uses instead of its locale's default (for example `fold`
    /// for a long Vietnamese notice); a route's policy in configuration overrides both.
    public let encoding: [MessageLocale: EncodingPolicy]
    /// Every variable the kind takes, required first.
    public var variables: [String] { required + optional }
}
