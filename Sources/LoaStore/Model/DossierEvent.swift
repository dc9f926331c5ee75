public import Foundation
public import LoaCore

/// A validated dossier state change, as accepted from a dossier system.
public struct DossierEvent: Sendable, Equatable {
    /// Unique per source; with `source`, the idempotency key.
    public var eventId: String
    public var source: String
    public var dossierCode: String
    /// Key in the procedure catalog.
    public var procedure: String
    public var status: DossierStatus
    public var occurredAt: Date
    public var applicantName: String
    public var applicantPhone: PhoneNumber
    public var locale: MessageLocale
    /// Key in the commune catalog.
    public var commune: String
    /// The promised return date (ngày hẹn trả), if given.
    public var dueDate: CalendarDay?
    /// Free text from the officer (for example what is missing).
    public var note: String?
    /// What is missing, as a code of the template catalog's `missing` list (shown in the
    /// message's language); the note fills `missing` when absent.
    public var missingCode: String?
    /// Why the dossier was refused, as a code of the catalog's `refusalReasons` list; the note
    /// fills `reason` when absent.
    public var reasonCode: String?
    /// The id of the API key that sent the event; nil when it came in another way.
    public var keyId: String?

    /// Creates an event value.
    public init(
        eventId: String, source: String, dossierCode: String, procedure: String, status: DossierStatus,
        occurredAt: Date, applicantName: String, applicantPhone: PhoneNumber, locale: MessageLocale,
        commune: String, dueDate: CalendarDay?, note: String?, keyId: String? = nil,
        missingCode: String? = nil, reasonCode: String? = nil
    ) {
        self.eventId = eventId
        self.source = source
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.status = status
        self.occurredAt = occurredAt
        self.applicantName = applicantName
        self.applicantPhone = applicantPhone
        self.locale = locale
        self.commune = commune
        self.dueDate = dueDate
        self.note = note
        self.keyId = keyId
        self.missingCode = missingCode
        self.reasonCode = reasonCode
    }
}
