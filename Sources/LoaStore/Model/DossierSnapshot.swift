public import Foundation
public import LoaCore

/// The latest known state of a dossier (the projection the events build).
public struct DossierSnapshot: Sendable, Equatable {
    public var code: String
    public var status: DossierStatus
    /// When the status was reached at the source; older events do not move it back.
    public var statusOccurredAt: Date
    public var commune: String
    public var procedure: String

    /// Creates a snapshot.
    public init(code: String, status: DossierStatus, statusOccurredAt: Date, commune: String, procedure: String) {
        self.code = code
        self.status = status
        self.statusOccurredAt = statusOccurredAt
        self.commune = commune
        self.procedure = procedure
    }
}
