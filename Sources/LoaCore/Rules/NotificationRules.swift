/// Which dossier statuses produce which notification kinds.
///
/// ```swift
/// let rules = NotificationRules.defaults
/// rules.kinds(for: .resultReady)   // [.resultReady]
/// rules.kinds(for: .processing)    // []
/// ```
public struct NotificationRules: Sendable, Equatable {
    /// The kinds produced for each status; a status absent here sends nothing.
    public let kindsByStatus: [DossierStatus: [NotificationKind]]

    /// Creates rules from a status → kinds table.
    public init(_ kindsByStatus: [DossierStatus: [NotificationKind]]) {
        self.kindsByStatus = kindsByStatus
    }

    /// received → dossier_received, supplementRequired → supplement_required,
    /// paymentRequired → payment_required, refusedAtIntake → refused, resultReady → result_ready.
    public static let defaults = NotificationRules([
        .received: [.dossierReceived],
        .supplementRequired: [.supplementRequired],
        .paymentRequired: [.paymentRequired],
        .refusedAtIntake: [.refused],
        .resultReady: [.resultReady],
    ])

    /// The kinds to send when a dossier reaches `status`.
    public func kinds(for status: DossierStatus) -> [NotificationKind] {
        kindsByStatus[status] ?? []
    }
}
