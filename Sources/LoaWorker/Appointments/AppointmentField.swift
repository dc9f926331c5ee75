/// The fields of an appointment, named as the API names them; an import maps each to its column.
public enum AppointmentField: String, Sendable, CaseIterable {
    case applicantName = "applicant.name"
    case applicantPhone = "applicant.phone"
    case applicantLocale = "applicant.locale"
    case dossierCode
    case procedure
    case startsAt
    case place
    case note
    case commune
    /// Why an appointment is cancelled (`POST /v1/appointments/{id}/cancel`).
    case reason
}
