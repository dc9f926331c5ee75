public import Foundation
public import LoaCore

/// The latest known state of a dossier (the projection the events build).
public struct DossierSnapshot: Sendable, Equatable {
    public var code: String
    public var status: DossierStatus
    /// When the status was reached at the source; older events do not move it back.
    public var statusOccurredAt: Date
    /// The commune the dossier belongs to; events for another commune are refused
    /// (``ownershipRejection(of:)``).
    public var commune: String
    public var procedure: String
    /// The `source` (dossier system) whose event created the dossier; nil for a dossier recorded
    /// before sources were kept whose events are gone (the next accepted event's source is kept).
    public var source: String?

    /// Creates a snapshot.
    public init(code: String, status: DossierStatus, statusOccurredAt: Date, commune: String, procedure: String, source: String?) {
        self.code = code
        self.status = status
        self.statusOccurredAt = statusOccurredAt
        self.commune = commune
        self.procedure = procedure
        self.source = source
    }
}
