import Foundation
import LoaCore
import LoaStore

/// An appointment as officers and operators see it, with the state of each of its messages;
/// the resident's number masked, never in full.
struct AppointmentView: Encodable {
    struct Applicant: Encodable {
        let name: String
        let phone: String
        let locale: String
    }

    let id: String
    let commune: String
    let applicant: Applicant
    let dossierCode: String?
    let procedure: String
    let startsAt: Date
    let place: String
    let note: String?
    let status: String
    let cancelReason: String?
    let createdAt: Date
    let updatedAt: Date
    /// Oldest first: the confirmation, reminders, and what moves and cancellations sent.
    let messages: [MessageView]

    init(_ appointment: Appointment, messages: [StoredMessage]) {
        id = appointment.id
        commune = appointment.commune
        applicant = Applicant(
            name: appointment.applicantName, phone: (try? PhoneNumber(e164: appointment.phone).masked) ?? "***",
            locale: appointment.locale.rawValue)
        dossierCode = appointment.dossierCode
        procedure = appointment.procedure
        startsAt = appointment.startsAt
        place = appointment.place
        note = appointment.note
        status = appointment.status.rawValue
        cancelReason = appointment.cancelReason
        createdAt = appointment.createdAt
        updatedAt = appointment.updatedAt
        self.messages = messages.map { MessageView($0) }
    }
}

/// `{"appointments": [...]}`.
struct AppointmentList: Encodable {
    let appointments: [AppointmentView]
}
