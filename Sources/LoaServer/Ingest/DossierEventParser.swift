import Foundation
import LoaConfig
import LoaCore
import LoaStore

/// Validates one JSON event against the API's rules and the reference data, field by field.
///
/// Every refusal names the field and says how to fix it. Text fields keep their ``TextLimit``:
/// characters and bytes, no control characters, no bidirectional controls.
struct DossierEventParser: Sendable {
    /// How far ahead of this server's clock an `occurredAt` may be.
    static let allowedClockSkewSeconds: Double = 300

    let reference: ReferenceData
    let allowForeignNumbers: Bool

    func parse(_ value: JSONValue) throws(IngestRejection) -> DossierEvent {
        guard case .object(let fields) = value else {
            throw rejection(nil, "an event must be a JSON object, not \(value.typeName)")
        }
        let eventId = try string(fields, "eventId", maxLength: 200)
        let source = try optionalString(fields, "source", maxLength: 100) ?? "default"
        let dossierCode = try string(fields, "dossierCode", maxLength: DossierCode.maxLength)
        guard DossierCode.isWellFormed(dossierCode) else {
            throw rejection("dossierCode", "dossierCode may hold only \(DossierCode.rule)")
        }
        let procedure = try string(fields, "procedure", maxLength: 100)
        guard reference.procedures[procedure] != nil else {
            throw rejection("procedure", "unknown procedure '\(procedure)'; use a key of config/procedures.yaml such as \(ReferenceData.examples(reference.procedures.keys))", code: "unknown_value")
        }
        let status = try parseStatus(fields["status"])
        let occurredAt = try parseInstant(fields["occurredAt"], field: "occurredAt")
        // A time in the future (often local time labelled Z) would hide the dossier's next events.
        guard occurredAt <= Date().addingTimeInterval(DossierEventParser.allowedClockSkewSeconds) else {
            throw rejection("occurredAt", "occurredAt is in the future; send the time the status changed, with its offset (e.g. 2026-11-30T08:15:00+07:00)")
        }
        guard case .object(let applicant)? = fields["applicant"] else {
            throw rejection("applicant", fields["applicant"] == nil
                ? "applicant is required: {\"name\", \"phone\", \"locale\"}"
                : "applicant must be an object {\"name\", \"phone\", \"locale\"}")
        }
        let name = try string(applicant, "name", maxLength: 120, path: "applicant.")
        let phoneText = try string(applicant, "phone", maxLength: 40, path: "applicant.")
        let phone: PhoneNumber
        do {
            phone = try PhoneNumber(parsing: phoneText, allowForeign: allowForeignNumbers)
        } catch {
            throw rejection("applicant.phone", error.message, code: "invalid_phone")
        }
        let localeTag = try optionalString(applicant, "locale", maxLength: 20, path: "applicant.") ?? MessageLocale.vietnamese.rawValue
        guard let locale = MessageLocale.parse(localeTag) else {
            throw rejection("applicant.locale", "unknown locale '\(localeTag)'; use \(MessageLocale.supported.map(\.rawValue).joined(separator: " or "))", code: "unknown_value")
        }
        let commune = try string(fields, "commune", maxLength: 100)
        guard reference.communes[commune] != nil else {
            throw rejection("commune", "unknown commune '\(commune)'; use a key of config/communes.yaml such as \(ReferenceData.examples(reference.communes.keys))", code: "unknown_value")
        }
        var dueDate: CalendarDay?
        if let text = try optionalString(fields, "dueDate", maxLength: 10) {
            guard let day = CalendarDay(iso8601: text) else {
                throw rejection("dueDate", "dueDate must be a date written yyyy-MM-dd, such as 2026-12-05")
            }
            dueDate = day
        }
        let note = try optionalString(fields, "note", maxLength: 500)
        return DossierEvent(
            eventId: eventId, source: source, dossierCode: dossierCode, procedure: procedure, status: status,
            occurredAt: occurredAt, applicantName: name, applicantPhone: phone, locale: locale, commune: commune,
            dueDate: dueDate, note: note,
            missingCode: try listCode(fields, "missingCode"), reasonCode: try listCode(fields, "reasonCode"))
    }

    /// A code of one of the template catalog's value lists (`templates/values.yaml`): snake_case.
    /// Whether the list has it is the planner's to check, which knows the catalog.
    private func listCode(_ fields: [String: JSONValue], _ key: String) throws(IngestRejection) -> String? {
        guard let code = try optionalString(fields, key, maxLength: 64) else { return nil }
        guard code.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) else {
            throw rejection(key, "\(key) is a code of templates/values.yaml in snake_case, such as birth_certificate_copy, not '\(code.prefix(40))'")
        }
        return code
    }

    private func parseStatus(_ value: JSONValue?) throws(IngestRejection) -> DossierStatus {
        var hint: String { "status must be \(DossierStatus.acceptedSpellings)" }
        switch value {
        case nil, .null?:
            throw rejection("status", "status is required; \(hint)", code: "missing_field")
        case .number(let number)?:
            guard let whole = Int(exactly: number), let status = DossierStatus.parse(whole) else {
                throw rejection("status", "unknown status \(number); \(hint)", code: "unknown_value")
            }
            return status
        case .string(let text)?:
            guard let status = DossierStatus.parse(text) else {
                throw rejection("status", "unknown status '\(text)'; \(hint)", code: "unknown_value")
            }
            return status
        case let other?:
            throw rejection("status", "status is \(other.typeName); \(hint)")
        }
    }

    private func parseInstant(_ value: JSONValue?, field: String) throws(IngestRejection) -> Date {
        guard case .string(let text)? = value else {
            throw rejection(field, value == nil
                ? "\(field) is required: an RFC 3339 time such as 2026-11-30T08:15:00+07:00"
                : "\(field) must be an RFC 3339 time string such as 2026-11-30T08:15:00+07:00",
                code: value == nil ? "missing_field" : "invalid_field")
        }
        if let date = RFC3339.instant(text) { return date }
        throw rejection(field, "'\(text.prefix(40))' is not an RFC 3339 time; write it like 2026-11-30T08:15:00+07:00")
    }

    private func string(_ fields: [String: JSONValue], _ key: String, maxLength: Int, path: String = "") throws(IngestRejection) -> String {
        guard let value = try optionalString(fields, key, maxLength: maxLength, path: path) else {
            throw rejection(path + key, "\(path + key) is required", code: "missing_field")
        }
        return value
    }

    private func optionalString(_ fields: [String: JSONValue], _ key: String, maxLength: Int, path: String = "") throws(IngestRejection) -> String? {
        switch fields[key] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { return nil }
            if let violation = TextLimit(maxCharacters: maxLength).violation(in: trimmed) {
                throw rejection(path + key, violation.message(field: path + key))
            }
            return trimmed
        case .number(let number)? where key == "eventId":
            // `magnitude`, not `abs`: abs(Int64.min) traps, and -9223372036854775808 is valid JSON.
            guard let whole = Int64(exactly: number), whole.magnitude < 1 << 53 else {
                throw rejection(path + key, "a numeric eventId must be a whole number below 2^53; send large ids as strings")
            }
            return String(whole)
        case let other?:
            throw rejection(path + key, "\(path + key) must be a string, not \(other.typeName)")
        }
    }

    private func rejection(_ field: String?, _ message: String, code: String = "invalid_field") -> IngestRejection {
        IngestRejection(code: code, message: message, field: field)
    }
}
