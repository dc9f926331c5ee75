public import Foundation
public import LoaConfig
public import LoaCore
public import LoaStore

/// Checks an ``AppointmentDraft`` field by field against the reference data and the clock, and
/// makes the ``Appointment`` to book. Every refusal names the field (``AppointmentField``) and
/// says how to fix it; the API and the CSV import share it.
public struct AppointmentValidator: Sendable {
    /// How far ahead an appointment may be booked.
    public static let maxDaysAhead = 366

    let reference: ReferenceData
    let allowForeignNumbers: Bool
    let now: @Sendable () -> Date

    /// Creates a validator.
    public init(reference: ReferenceData, allowForeignNumbers: Bool, now: @escaping @Sendable () -> Date) {
        self.reference = reference
        self.allowForeignNumbers = allowForeignNumbers
        self.now = now
    }

    /// The appointment `draft` describes, booked by `bookedBy`, with a new id; the draft's
    /// commune must be set (the caller puts in an officer's own).
    public func appointment(from draft: AppointmentDraft, bookedBy: String?) throws(AppointmentRejection) -> Appointment {
        let name = try text(draft.applicantName, .applicantName, maxLength: 120)
        let phoneText = try text(draft.phone, .applicantPhone, maxLength: 40)
        let phone: PhoneNumber
        do {
            phone = try PhoneNumber(parsing: phoneText, allowForeign: allowForeignNumbers)
        } catch {
            throw AppointmentRejection(code: "invalid_phone", message: error.message, field: AppointmentField.applicantPhone.rawValue)
        }
        let locale = try self.locale(draft.locale)
        let dossierCode = try optionalText(draft.dossierCode, .dossierCode, maxLength: DossierCode.maxLength)
        if let dossierCode, !DossierCode.isWellFormed(dossierCode) {
            throw refusal(.dossierCode, "dossierCode may hold only \(DossierCode.rule)")
        }
        let procedure = try text(draft.procedure, .procedure, maxLength: 100)
        guard reference.procedures[procedure] != nil else {
            throw refusal(.procedure, "unknown procedure '\(procedure)'; use a key of config/procedures.yaml such as \(ReferenceData.examples(reference.procedures.keys))", code: "unknown_value")
        }
        let communeKey = try text(draft.commune, .commune, maxLength: 100)
        guard let commune = reference.communes[communeKey] else {
            throw refusal(.commune, "unknown commune '\(communeKey)'; use a key of config/communes.yaml such as \(ReferenceData.examples(reference.communes.keys))", code: "unknown_value")
        }
        let createdAt = now()
        let startsAt = try start(draft.startsAt, now: createdAt)
        let place = try optionalText(draft.place, .place, maxLength: 200) ?? commune.address ?? commune.office
        let note = try optionalText(draft.note, .note, maxLength: 500)
        return Appointment(
            id: OpaqueID.make(prefix: "apt", epochMilliseconds: createdAt.epochMilliseconds), commune: communeKey,
            applicantName: name, phone: phone.e164, locale: locale, dossierCode: dossierCode, procedure: procedure,
            startsAt: startsAt, place: place, note: note, bookedBy: bookedBy, createdAt: createdAt, updatedAt: createdAt)
    }

    /// A new start for an appointment: after `now`, at most ``maxDaysAhead`` days ahead.
    public func start(_ startsAt: Date?, now: Date) throws(AppointmentRejection) -> Date {
        guard let startsAt else {
            throw refusal(.startsAt, "startsAt is required: when the resident should come, such as 2026-12-05T08:30:00+07:00", code: "missing_field")
        }
        guard startsAt > now else {
            throw refusal(.startsAt, "startsAt \(Self.vietnamTime(startsAt)) is in the past; book a time to come", code: "in_past")
        }
        guard startsAt <= now.addingTimeInterval(Double(Self.maxDaysAhead) * 86_400) else {
            throw refusal(.startsAt, "startsAt \(Self.vietnamTime(startsAt)) is more than \(Self.maxDaysAhead) days ahead; check the year", code: "too_far_ahead")
        }
        return startsAt
    }

    /// A text field that may be missing: trimmed, nil when empty, within its ``TextLimit``.
    public func optionalText(_ value: String?, _ field: AppointmentField, maxLength: Int) throws(AppointmentRejection) -> String? {
        guard let trimmed = value?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        if let violation = TextLimit(maxCharacters: maxLength).violation(in: trimmed) {
            throw refusal(field, violation.message(field: field.rawValue))
        }
        return trimmed
    }

    private func text(_ value: String?, _ field: AppointmentField, maxLength: Int) throws(AppointmentRejection) -> String {
        guard let text = try optionalText(value, field, maxLength: maxLength) else {
            throw refusal(field, "\(field.rawValue) is required", code: "missing_field")
        }
        return text
    }

    private func locale(_ tag: String?) throws(AppointmentRejection) -> MessageLocale {
        guard let tag = try optionalText(tag, .applicantLocale, maxLength: 20) else { return .vietnamese }
        guard let locale = MessageLocale.parse(tag) else {
            throw refusal(.applicantLocale, "unknown locale '\(tag)'; use \(MessageLocale.supported.map(\.rawValue).joined(separator: " or "))", code: "unknown_value")
        }
        return locale
    }

    private func refusal(_ field: AppointmentField, _ message: String, code: String = "invalid_field") -> AppointmentRejection {
        AppointmentRejection(code: code, message: message, field: field.rawValue)
    }

    /// `2026-12-05T08:30:00+07:00`: an instant in Vietnam time, for messages to officers.
    public static func vietnamTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: TimeZone(secondsFromGMT: Int(QuietHours.vietnamOffsetSeconds))!))
    }
}
