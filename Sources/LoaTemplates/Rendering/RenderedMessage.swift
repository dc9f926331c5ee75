public import LoaCore

/// A message rendered from the catalog, ready for the outbox: its text, encoding and cost are known.
public struct RenderedMessage: Sendable, Equatable {
    /// The kind rendered.
    public let kind: NotificationKind
    /// The locale rendered.
    public let locale: MessageLocale
    /// The encoding policy applied (the caller's, or the locale's default).
    public let policy: EncodingPolicy
    /// The text as it will be sent, its encoding, length and parts.
    public let analysis: SMSAnalysis

    /// Creates a rendered message.
    public init(kind: NotificationKind, locale: MessageLocale, policy: EncodingPolicy, analysis: SMSAnalysis) {
        self.kind = kind
        self.locale = locale
        self.policy = policy
        self.analysis = analysis
    }

    /// The text as it will be sent.
    public var text: String { analysis.text }
}
