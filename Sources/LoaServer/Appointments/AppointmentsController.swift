import Foundation
import Hummingbird
import LoaCore
import LoaStore
import LoaWorker
import Logging

/// The appointment routes, for officers (their own commune only) and operators (every commune):
///
/// - `POST /v1/appointments` books one (`201`; `200` with the existing one for a repeat);
/// - `PATCH /v1/appointments/{id}` moves it;
/// - `POST /v1/appointments/{id}/cancel` and `…/attended`;
/// - `GET /v1/appointments?date=YYYY-MM-DD` (a Vietnam day) and `GET /v1/appointments/{id}`,
///   each appointment with the state of its messages.
///
/// An appointment of another commune answers `404` to an officer, as one that does not exist.
struct AppointmentsController: Sendable {
    let store: any AppointmentStore
    let validator: AppointmentValidator
    let planner: AppointmentPlanner
    let parser = AppointmentRequestParser()
    /// Wakes the dispatcher once messages were committed (a confirmation goes at once).
    let work: WorkSignal?
    let maxBodyBytes: Int
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.post("/v1/appointments") { request, context in try await book(request, context: context) }
        router.get("/v1/appointments") { request, context in try await list(request, context: context) }
        router.get("/v1/appointments/:id") { _, context in
            let scope = try Scope(context)
            let id = try context.parameters.require("id")
            guard let appointment = try await store.appointment(id: id), scope.sees(appointment.commune) else {
                throw APIError.notFound("no appointment \(id) is visible to this key")
            }
            return try await response(appointment)
        }
        router.patch("/v1/appointments/:id") { request, context in
            let scope = try Scope(context)
            let (startsAt, place, note) = try parser.move(try await json(request))
            let newStart = try rejecting { () throws(AppointmentRejection) in try validator.start(startsAt, now: now()) }
            let newPlace = try rejecting { () throws(AppointmentRejection) in try validator.optionalText(place, .place, maxLength: 200) }
            let newNote = try rejecting { () throws(AppointmentRejection) in try validator.optionalText(note, .note, maxLength: 500) }
            return try await change(.move(to: newStart, place: newPlace, note: newNote), context: context, scope: scope)
        }
        router.post("/v1/appointments/:id/cancel") { request, context in
            let scope = try Scope(context)
            let (reason, reasonCode) = try parser.cancellation(try await optionalJSON(request))
            let checked = try rejecting { () throws(AppointmentRejection) in try validator.optionalText(reason, .reason, maxLength: 300) }
            return try await change(.cancel(reason: checked, reasonCode: reasonCode), context: context, scope: scope)
        }
        router.post("/v1/appointments/:id/attended") { _, context in
            try await change(.attend, context: context, scope: try Scope(context))
        }
    }

    /// Whose appointments a key may see and book: an officer's commune, or every commune.
    private struct Scope {
        let key: APIKey
        /// Nil for every commune.
        let commune: String?

        init(_ context: LoaRequestContext) throws {
            key = try context.require(.officer, .operator)
            commune = key.role == .officer ? key.commune ?? "" : nil
        }

        func sees(_ commune: String) -> Bool { self.commune == nil || self.commune == commune }

        /// The commune a request names, checked against the key: an officer may leave it out.
        func commune(requested: String?) throws -> String? {
            guard let own = commune else { return requested }
            if let requested, requested != own {
                throw APIError(.forbidden, code: IngestScopeRefusal.code, message: "this officer key is limited to commune '\(own)'; leave commune out or use a key of '\(requested)'", field: "commune")
            }
            return own
        }
    }

    private func book(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let scope = try Scope(context)
        var draft = try parser.draft(try await json(request))
        draft.commune = try scope.commune(requested: draft.commune)
        let appointment = try rejecting { () throws(AppointmentRejection) in try validator.appointment(from: draft, bookedBy: scope.key.id) }
        let outcomes = try await StoreAvailability.guarding {
            try await store.book([appointment]) { appointment throws(AppointmentRejection) in
                try planner.messages(booking: appointment)
            }
        }
        switch outcomes[0] {
        case .booked(let booked, let messageIds):
            if !messageIds.isEmpty { work?.signal() }
            context.logger.info("appointment booked", metadata: ["appointment.id": "\(booked.id)", "messages.count": "\(messageIds.count)"])
            return try await response(booked, status: .created)
        case .duplicate(let existing):
            return try await response(existing)
        case .rejected(let rejection):
            throw APIError(rejection)
        }
    }

    private func change(_ request: AppointmentPlanner.Request, context: LoaRequestContext, scope: Scope) async throws -> Response {
        let id = try context.parameters.require("id")
        let outcome = try await StoreAvailability.guarding {
            try await store.changeAppointment(id: id, commune: scope.commune) { current throws(AppointmentRejection) in
                try planner.update(current, request)
            }
        }
        switch outcome {
        case .changed(let appointment, let messageIds):
            if !messageIds.isEmpty { work?.signal() }
            context.logger.info("appointment changed", metadata: ["appointment.id": "\(id)", "appointment.status": "\(appointment.status)"])
            return try await response(appointment)
        case .notFound:
            throw APIError.notFound("no appointment \(id) is visible to this key")
        case .refused(let rejection):
            throw APIError(rejection)
        }
    }

    private func list(_ request: Request, context: LoaRequestContext) async throws -> Response {
        let scope = try Scope(context)
        let query = request.uri.queryParameters
        if let unknown = query.first(where: { $0.key != "date" && $0.key != "commune" })?.key {
            throw APIError.invalid(String(unknown), "this list takes date and commune: /v1/appointments?date=2026-12-05&commune=na-u", code: "unknown_parameter")
        }
        guard let text = query["date"].map(String.init), !text.isEmpty else {
            throw APIError.invalid("date", "give the day to list, in Vietnam time: /v1/appointments?date=2026-12-05", code: "missing_field")
        }
        guard let day = CalendarDay(iso8601: text) else {
            throw APIError.invalid("date", "date must be a day written yyyy-MM-dd, such as 2026-12-05")
        }
        let commune = try scope.commune(requested: query["commune"].map(String.init).flatMap { $0.isEmpty ? nil : $0 })
        let start = day.vietnamMidnight
        let found = try await store.appointments(startingFrom: start, before: start.addingTimeInterval(86_400), commune: commune)
        var views: [AppointmentView] = []
        for appointment in found {
            views.append(AppointmentView(appointment, messages: try await store.appointmentMessages(appointmentId: appointment.id)))
        }
        return try APIJSON.response(AppointmentList(appointments: views))
    }

    private func response(_ appointment: Appointment, status: HTTPResponse.Status = .ok) async throws -> Response {
        try APIJSON.response(AppointmentView(appointment, messages: try await store.appointmentMessages(appointmentId: appointment.id)), status: status)
    }

    /// The body as JSON; nil when it is empty.
    private func optionalJSON(_ request: Request) async throws -> JSONValue? {
        let body = try await RequestBody.collect(request, maxBytes: maxBodyBytes)
        if body.isEmpty { return nil }
        do {
            return try JSONReader.parse(body)
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not valid JSON: \(error)")
        }
    }

    /// The body as JSON; an empty body is not JSON (`400`).
    private func json(_ request: Request) async throws -> JSONValue {
        guard let document = try await optionalJSON(request) else {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is empty; send a JSON object")
        }
        return document
    }

    /// Runs a validation, answering its refusal as the API error.
    private func rejecting<T>(_ check: () throws(AppointmentRejection) -> T) throws(APIError) -> T {
        do {
            return try check()
        } catch {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// An appointment refusal: `409` when the appointment's state is at fault (final already, or
    /// another booking holds that time), `422` naming the field otherwise.
    init(_ rejection: AppointmentRejection) {
        let conflicts: Set<String> = ["duplicate", "appointment_cancelled", "appointment_attended"]
        self.init(
            conflicts.contains(rejection.code) ? .conflict : .unprocessableContent,
            code: rejection.code, message: rejection.message, field: rejection.field)
    }
}
