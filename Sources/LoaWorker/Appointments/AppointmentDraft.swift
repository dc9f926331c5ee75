public import Foundation

/// An appointment as a request or a spreadsheet row gives it, before validation: texts as
/// written (trimmed, empty as nil) and the start already read from its own notation (RFC 3339
/// in the API, `dd/MM/yyyy HH:mm` in an import). ``AppointmentValidator`` checks every field.
public struct AppointmentDraft: Sendable, Equatable {
    public var applicantName: String?
    public var phone: String?
    /// A locale tag (`vi`, `hmn`); nil for Vietnamese.
    public var locale: String?
    public var dossierCode: String?
    public var procedure: String?
    public var startsAt: Date?
    /// Nil for the commune office's address.
    public var place: String?
    public var note: String?
    /// Nil when the caller's key decides (an officer's commune).
    public var commune: String?

    /// Creates a draft; every field may be missing.
    public init(
        applicantName: String? = nil, phone: String? = nil, locale: String? = nil, dossierCode: String? = nil,
        procedure: String? = nil, startsAt: Date? = nil, place: String? = nil, note: String? = nil, commune: String? = nil
    ) {
        self.applicantName = applicantName
        self.phone = phone
        self.locale = locale
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.startsAt = startsAt
        self.place = place
        self.note = note
        self.commune = commune
    }
}
