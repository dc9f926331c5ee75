public import Foundation

/// How long Loa keeps residents' personal data. Vietnam's personal data protection decree
/// (13/2023/NĐ-CP) asks for minimisation: a phone number, a name and a message text serve
/// their purpose once the message has reached a final state, so some time after that they go.
///
/// One horizon governs everything personal: a message that reached its final state before it
/// loses its recipient and text (kind, locale, segments, states and times stay for statistics)
/// and its attempts; provider reports and events received before it are pruned; snapshots of
/// dossiers closed before it are forgotten (``DossierStatus/isClosed``).
///
/// ```swift
/// let policy = RetentionPolicy(messageSeconds: 90 * 86_400)
/// try await store.purgeAll(horizon: policy.horizon(now: .now))
/// ```
public struct RetentionPolicy: Sendable, Equatable {
    /// How long after a message reaches a final state its personal data is kept.
    public var messageSeconds: Double

    /// Ninety days (`retention.messages` in configuration).
    public static let defaultMessageSeconds: Double = 90 * 86_400

    /// The default policy: ninety days.
    public static let standard = RetentionPolicy(messageSeconds: defaultMessageSeconds)

    /// Creates a policy keeping personal data `messageSeconds` after a final state.
    public init(messageSeconds: Double) {
        self.messageSeconds = messageSeconds
    }

    /// The instant before which personal data is gone at `now`.
    public func horizon(now: Date) -> Date {
        now.addingTimeInterval(-messageSeconds)
    }
}
