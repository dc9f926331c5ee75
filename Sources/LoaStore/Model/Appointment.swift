public import Foundation
public import LoaCore

/// An appointment an officer booked for a resident at a commune police office, as stored.
///
/// Its messages are ordinary outbox messages whose ``StoredMessage/eventSource`` is
/// ``Appointment/messageSource`` and whose ``StoredMessage/eventId`` is the appointment's id.
public struct Appointment: Sendable, Equatable, Identifiable {
    /// `apt_…`, sortable by creation time.
    public var id: String
    /// The commune (key of `config/communes.yaml`) whose office the resident goes to.
    public var commune: String
    /// The resident's name, as messages address them.
    public var applicantName: String
    /// The resident's number in E.164. Never log it; show ``PhoneNumber/masked``.
    public var phone: String
    public var locale: MessageLocale
    /// The dossier the appointment is about, if any.
    public var dossierCode: String?
    /// The procedure (key of `config/procedures.yaml`).
    public var procedure: String
    public var startsAt: Date
    /// Where to come (default: the commune office's address).
    public var place: String
    /// The officer's note; kept, not sent.
    public var note: String?
    public var status: AppointmentStatus
    /// Why it was cancelled, when it was and a reason was given.
    public var cancelReason: String?
    /// The API key that booked it; nil when booked from the command line.
    public var bookedBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// The ``StoredMessage/eventSource`` of every appointment message.
    public static let messageSource = "appointments"

    /// Creates an appointment value.
    public init(
        id: String, commune: String, applicantName: String, phone: String, locale: MessageLocale, dossierCode: String?,
        procedure: String, startsAt: Date, place: String, note: String?, status: AppointmentStatus = .booked,
        cancelReason: String? = nil, bookedBy: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.commune = commune
        self.applicantName = applicantName
        self.phone = phone
        self.locale = locale
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.startsAt = startsAt
        self.place = place
        self.note = note
        self.status = status
        self.cancelReason = cancelReason
        self.bookedBy = bookedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
