import Foundation
import Hummingbird
import LoaCore
import LoaWorker

/// Reads the JSON of the appointment routes into drafts and requests: types, unknown fields and
/// RFC 3339 instants, each refusal naming the field. What the values mean (a phone number, a
/// commune, a start in the future) is ``AppointmentValidator``'s to check.
struct AppointmentRequestParser: Sendable {
    /// The body of `POST /v1/appointments`.
    func draft(_ document: JSONValue) throws(APIError) -> AppointmentDraft {
        let fields = try object(document, allowed: ["applicant", "dossierCode", "procedure", "startsAt", "place", "note", "commune"])
        guard let applicantValue = fields["applicant"], case .object = applicantValue else {
            throw APIError.invalid("applicant", fields["applicant"] == nil
                ? "applicant is required: {\"name\", \"phone\", \"locale\"}"
                : "applicant must be an object {\"name\", \"phone\", \"locale\"}",
                code: fields["applicant"] == nil ? "missing_field" : "invalid_field")
        }
        let applicant = try object(applicantValue, allowed: ["name", "phone", "locale"], path: "applicant.")
        return AppointmentDraft(
            applicantName: try string(applicant, "name", path: "applicant."),
            phone: try string(applicant, "phone", path: "applicant."),
            locale: try string(applicant, "locale", path: "applicant."),
            dossierCode: try string(fields, "dossierCode"), procedure: try string(fields, "procedure"),
            startsAt: try instant(fields, "startsAt"), place: try string(fields, "place"), note: try string(fields, "note"),
            commune: try string(fields, "commune"))
    }

    /// The body of `PATCH /v1/appointments/{id}`: the new start, and a place and note that
    /// replace the current ones when given.
    func move(_ document: JSONValue) throws(APIError) -> (startsAt: Date?, place: String?, note: String?) {
        let fields = try object(document, allowed: ["startsAt", "place", "note"])
        return (try instant(fields, "startsAt"), try string(fields, "place"), try string(fields, "note"))
    }

    /// The optional body of `POST /v1/appointments/{id}/cancel`: `{"reason": "…", "reasonCode": "…"}`,
    /// the code one of the template catalog's `cancellationReasons` (whether it exists is the
    /// planner's to check).
    func cancellation(_ document: JSONValue?) throws(APIError) -> (reason: String?, reasonCode: String?) {
        guard let document else { return (nil, nil) }
        let fields = try object(document, allowed: ["reason", "reasonCode"])
        let code = try string(fields, "reasonCode")
        if let code, code.count > 64 || !code.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) {
            throw APIError.invalid("reasonCode", "reasonCode is a code of templates/values.yaml (cancellationReasons) in snake_case, such as officer_away, not '\(code.prefix(40))'")
        }
        return (try string(fields, "reason"), code)
    }

    private func object(_ value: JSONValue, allowed: Set<String>, path: String = "") throws(APIError) -> [String: JSONValue] {
        guard case .object(let fields) = value else {
            let what = path.isEmpty ? "the body" : String(path.dropLast())
            throw APIError(.unprocessableContent, code: "invalid_body", message: "\(what) must be a JSON object, not \(value.typeName)",
                           field: path.isEmpty ? nil : String(path.dropLast()))
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalid(path + unknown, "unknown field \(path + unknown); the fields are \(allowed.sorted().map { path + $0 }.joined(separator: ", "))", code: "unknown_field")
        }
        return fields
    }

    /// A string field, trimmed; nil when absent, null or empty.
    private func string(_ fields: [String: JSONValue], _ key: String, path: String = "") throws(APIError) -> String? {
        switch fields[key] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        case let other?:
            throw APIError.invalid(path + key, "\(path + key) must be a string, not \(other.typeName)")
        }
    }

    private func instant(_ fields: [String: JSONValue], _ key: String) throws(APIError) -> Date? {
        guard let text = try string(fields, key) else { return nil }
        if let date = RFC3339.instant(text) { return date }
        if RFC3339.lacksOffset(text) {
            throw APIError.invalid(key, "\(key) '\(text.prefix(40))' has no UTC offset; add it, such as \(text.prefix(19))+07:00 for Vietnam time")
        }
        throw APIError.invalid(key, "'\(text.prefix(40))' is not an RFC 3339 time; write it like 2026-12-05T08:30:00+07:00")
    }
}
