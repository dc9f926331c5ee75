import Foundation
import Hummingbird
import LoaCore
import LoaStore
import LoaWorker
import NIOCore

/// `POST /v1/dossier-events`: one event, or `{"events": [...]}` with up to 1000.
///
/// Events are validated one by one, and checked against the key's sources and communes; the
/// valid ones are planned and committed with the key's id (group commit with other requests
/// arriving at the same time) before the answer says `accepted`. A key that signs its requests
/// must send a valid `Loa-Signature` (``IngestSignatureVerifier``) before the body is parsed.
struct IngestController: Sendable {
    static let maxEventsPerBatch = 1000

    let events: GroupCommitter<DossierEvent, IngestOutcome>
    let parser: DossierEventParser
    /// Checks `Loa-Signature` for keys that sign their requests (this server's clock; each
    /// router has its own memory of recent signatures).
    var signatures = IngestSignatureVerifier(now: { Date() })
    let maxBodyBytes: Int

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.post("/v1/dossier-events") { request, context in
            try await ingest(request, context: context)
        }
    }

    func ingest(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let key = try context.require(.ingest)
        let body = try await RequestBody.collect(request, maxBytes: maxBodyBytes)
        if let signingSecret = context.ingestSigningSecret {
            try signatures.verify(request, body: body, secret: signingSecret)
        } else {
            _ = try IngestSignatureVerifier.presentedSignature(request)
        }
        let document: JSONValue
        do {
            document = try JSONReader.parse(body)
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not valid JSON: \(error)")
        }
        let (items, isBatch) = try items(in: document)

        var results = [EventResult?](repeating: nil, count: items.count)
        var valid: [(index: Int, event: DossierEvent)] = []
        for (index, item) in items.enumerated() {
            do {
                var event = try parser.parse(item)
                if let refusal = key.ingestScope.refusal(source: event.source, commune: event.commune) {
                    results[index] = EventResult(index: index, eventId: event.eventId, refusal: refusal)
                    continue
                }
                event.keyId = key.id
                valid.append((index, event))
            } catch {
                results[index] = EventResult(index: index, eventId: RequestBody.eventId(of: item), rejection: error)
            }
        }
        if !isBatch, let rejected = results.first ?? nil, let error = rejected.error {
            throw APIError(rejected.errorStatus, code: error.code, message: error.message, field: error.field)
        }
        let outcomes = try await StoreAvailability.guarding { try await events.commit(valid.map(\.event)) }
        for (entry, outcome) in zip(valid, outcomes) {
            results[entry.index] = EventResult(index: entry.index, eventId: entry.event.eventId, outcome: outcome)
        }
        let finished = results.compactMap { $0 }
        if !isBatch, let only = finished.first, let error = only.error {
            throw APIError(only.errorStatus, code: error.code, message: error.message, field: error.field)
        }
        return APIJSON.response(bytes: IngestResponse(results: finished).json(), status: .accepted)
    }

    /// The events in the body and whether it was a batch.
    private func items(in document: JSONValue) throws -> ([JSONValue], Bool) {
        guard case .object(let fields) = document else {
            throw APIError(.unprocessableContent, code: "invalid_body", message: "the body must be one event object or {\"events\": [...]}, not \(document.typeName)")
        }
        guard let events = fields["events"] else { return ([document], false) }
        guard case .array(let items) = events else {
            throw APIError.invalid("events", "events must be an array of event objects")
        }
        guard !items.isEmpty else { throw APIError.invalid("events", "events is empty; send at least one event") }
        guard items.count <= IngestController.maxEventsPerBatch else {
            throw APIError.invalid("events", "a batch holds at most \(IngestController.maxEventsPerBatch) events (this one has \(items.count)); split it", code: "too_many_events")
        }
        return (items, true)
    }
}

/// The answer to an ingest request: one result per event, in order.
struct IngestResponse {
    let results: [EventResult]

    /// `{"results":[{"error":…,"eventId":…,"index":…,"messageIds":[…],"outcome":…}]}`, keys
    /// sorted as in every other answer, absent values left out (`error.field` is `null`).
    func json() -> [UInt8] {
        var writer = JSONWriter(capacity: 128 * results.count + 16)
        writer.raw("{\"results\":[")
        for (position, result) in results.enumerated() {
            if position > 0 { writer.raw(",") }
            result.write(to: &writer)
        }
        writer.raw("]}")
        return writer.bytes
    }
}

/// What became of one event.
struct EventResult {
    let index: Int
    let eventId: String?
    /// `accepted`, `duplicate` or `rejected`.
    let outcome: String
    let messageIds: [String]?
    let error: ErrorDetail?
    /// The status a request holding only this event answers with when it is rejected: 422 for
    /// a field that cannot be accepted, 403 for an event outside the key's scope.
    let errorStatus: HTTPResponse.Status

    init(index: Int, eventId: String?, rejection: IngestRejection) {
        self.index = index
        self.eventId = eventId
        outcome = "rejected"
        messageIds = nil
        error = ErrorDetail(code: rejection.code, message: rejection.message, field: rejection.field)
        errorStatus = .unprocessableContent
    }

    init(index: Int, eventId: String, refusal: IngestScopeRefusal) {
        self.index = index
        self.eventId = eventId
        outcome = "rejected"
        messageIds = nil
        error = ErrorDetail(code: IngestScopeRefusal.code, message: refusal.message, field: refusal.field.rawValue)
        errorStatus = .forbidden
    }

    init(index: Int, eventId: String, outcome: IngestOutcome) {
        self.index = index
        self.eventId = eventId
        errorStatus = .unprocessableContent
        switch outcome {
        case .accepted(let ids):
            self.outcome = "accepted"
            messageIds = ids
            error = nil
        case .duplicate:
            self.outcome = "duplicate"
            messageIds = nil
            error = nil
        case .rejected(let rejection):
            self.outcome = "rejected"
            messageIds = nil
            error = ErrorDetail(code: rejection.code, message: rejection.message, field: rejection.field)
        }
    }

    fileprivate func write(to writer: inout JSONWriter) {
        writer.raw("{")
        if let error {
            writer.raw("\"error\":{\"code\":")
            writer.string(error.code)
            writer.raw(",\"field\":")
            writer.string(orNull: error.field)
            writer.raw(",\"message\":")
            writer.string(error.message)
            writer.raw("},")
        }
        if let eventId {
            writer.raw("\"eventId\":")
            writer.string(eventId)
            writer.raw(",")
        }
        writer.raw("\"index\":")
        writer.int(index)
        if let messageIds {
            writer.raw(",\"messageIds\":[")
            for (position, id) in messageIds.enumerated() {
                if position > 0 { writer.raw(",") }
                writer.string(id)
            }
            writer.raw("]")
        }
        writer.raw(",\"outcome\":")
        writer.string(outcome)
        writer.raw("}")
    }
}
