public import Foundation
public import LoaStore

/// One change read from a watched table: the row as it stood when read, every field as text
/// (the event rules parse and check them as they would an HTTP request's).
public struct DossierChange: Sendable, Equatable {
    /// Where the change stands in the (updated-at, id) order.
    public var position: WatcherPosition
    public var code: String?
    public var status: String?
    public var procedure: String?
    public var commune: String?
    public var phone: String?
    public var name: String?
    public var locale: String?
    public var dueDate: String?
    public var note: String?

    public init(
        position: WatcherPosition, code: String?, status: String?, procedure: String?, commune: String?, phone: String?,
        name: String?, locale: String? = nil, dueDate: String? = nil, note: String? = nil
    ) {
        self.position = position
        self.code = code
        self.status = status
        self.procedure = procedure
        self.commune = commune
        self.phone = phone
        self.name = name
        self.locale = locale
        self.dueDate = dueDate
        self.note = note
    }

    /// When the row was changed (its updated-at).
    public var updatedAt: Date { Date(microsecondsSince1970: position.updatedAtMicros) }

    /// The event id of this change: the row's id, its updated-at in microseconds and its status,
    /// so that reading the same change again is a duplicate and a new change is a new event.
    public var eventId: String { "\(position.rowId)@\(position.updatedAtMicros)#\(status ?? "")" }
}

/// What one read of a watched table returned.
public struct DossierChangeBatch: Sendable {
    /// The changes after the cursor, in (updated-at, id) order.
    public var changes: [DossierChange]
    /// Every change committed before this instant (source clock) is in this batch or was read
    /// before it: the read horizon when the batch is not full, else the last change's updated-at.
    public var readThrough: Date
}

extension Date {
    /// The instant `micros` microseconds after 1970-01-01T00:00:00Z.
    public init(microsecondsSince1970 micros: Int64) {
        self.init(timeIntervalSince1970: Double(micros / 1_000_000) + Double(micros % 1_000_000) / 1_000_000)
    }
}
