import Foundation
import LoaPostgres

extension DossierChange {
    /// The change as the JSON body `POST /v1/dossier-events` takes, so that the very same rules
    /// (``DossierEventParser``) check it: `source` is the watcher's name, `eventId` the
    /// change's (``DossierChange/eventId``), `occurredAt` its updated-at.
    func eventDocument(source: String) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var applicant: [String: JSONValue] = ["name": text(name), "phone": text(phone)]
        if let locale { applicant["locale"] = .string(locale) }
        var fields: [String: JSONValue] = [
            "eventId": .string(eventId),
            "source": .string(source),
            "dossierCode": text(code),
            "procedure": text(procedure),
            "status": text(status),
            "occurredAt": .string(updatedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "applicant": .object(applicant),
            "commune": text(commune),
        ]
        if let dueDate { fields["dueDate"] = .string(dueDate) }
        if let note { fields["note"] = .string(note) }
        return .object(fields)
    }
}
