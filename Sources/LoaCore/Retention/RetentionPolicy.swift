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

    /// How long audit trail entries are kept (`retention.audit`). They hold no phone number, and
    /// outlive messages so that who retried or cancelled a message is known after it is purged.
    public var auditSeconds: Double

    /// Two years (`retention.audit` in configuration).
    public static let defaultAuditSeconds: Double = 730 * 86_400

    /// Creates a policy keeping personal data `messageSeconds` after a final state and audit
    /// entries `auditSeconds`.
    public init(messageSeconds: Double, auditSeconds: Double = defaultAuditSeconds) {
        self.messageSeconds = messageSeconds
        self.auditSeconds = auditSeconds
    }

    /// The instant before which personal data is gone at `now`.
    public func horizon(now: Date) -> Date {
        now.addingTimeInterval(-messageSeconds)
    }

    /// The instant before which audit entries are gone at `now`.
    public func auditHorizon(now: Date) -> Date {
        now.addingTimeInterval(-auditSeconds)
    }
}
