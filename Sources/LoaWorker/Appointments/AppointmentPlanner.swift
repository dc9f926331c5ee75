public import Foundation
public import LoaConfig
public import LoaCore
public import LoaStore
public import LoaTemplates

/// Turns what ``AppointmentScheduler`` decides into outbox messages and appointment rows: fills
/// each message's template variables from the appointment and the reference data, renders it
/// through ``MessageComposer`` (segment budget, quiet hours, validity) and refuses what cannot
/// be done, naming the field.
///
/// Pure apart from reading the clock it is given; the store calls it inside its transaction.
///
/// ```swift
/// let outcomes = try await store.book([appointment]) { try planner.messages(booking: $0) }
/// _ = try await store.changeAppointment(id: id, commune: nil) { try planner.update($0, .cancel(reason: nil)) }
/// ```
public struct AppointmentPlanner: Sendable {
    /// A change an officer asks for.
    public enum Request: Sendable, Equatable {
        /// Move to `startsAt`; `place` and `note` replace the current ones when given.
        case move(to: Date, place: String?, note: String?)
        /// Call it off, with a reason the message gives when there is one: a code of the
        /// catalog's `cancellationReasons` list (shown in the message's language), else the text.
        case cancel(reason: String?, reasonCode: String? = nil)
        /// The resident came.
        case attend
    }

    let scheduler: AppointmentScheduler
    let reference: ReferenceData
    let composer: MessageComposer
    let now: @Sendable () -> Date

    /// The kinds appointments send; the catalog must define each.
    public static let kinds: [NotificationKind] = [.appointmentConfirmed, .appointmentReminder, .appointmentRescheduled, .appointmentCancelled]

    /// Creates a planner.
    public init(scheduler: AppointmentScheduler, reference: ReferenceData, composer: MessageComposer, now: @escaping @Sendable () -> Date) {
        self.scheduler = scheduler
        self.reference = reference
        self.composer = composer
        self.now = now
    }

    /// The messages a new appointment sends: its confirmation at once and its reminders.
    public func messages(booking appointment: Appointment) throws(AppointmentRejection) -> [StoredMessage] {
        let createdAt = now()
        let decision = try decide(.book, on: appointment, at: createdAt)
        return try decision.notices.map { notice throws(AppointmentRejection) in
            try message(notice, for: appointment, previousStart: nil, reason: nil, createdAt: createdAt)
        }
    }

    /// What `request` writes for `current`: the appointment as it becomes, whether its unsent
    /// messages are cancelled, and the new messages.
    public func update(_ current: Appointment, _ request: Request) throws(AppointmentRejection) -> AppointmentUpdate {
        let changedAt = now()
        var appointment = current
        appointment.updatedAt = changedAt
        var reason: String?
        var reasonCode: String?
        let change: AppointmentChange
        switch request {
        case .move(let newStart, let place, let note):
            change = .move(to: newStart)
            appointment.place = place ?? appointment.place
            appointment.note = note ?? appointment.note
        case .cancel(let cancelReason, let code):
            change = .cancel
            reason = cancelReason
            reasonCode = try checked(code)
            // The officer's words, or the code's Vietnamese value: what officers read back.
            appointment.cancelReason = cancelReason
                ?? code.flatMap { composer.catalog.listedValue(.cancellationReasons, code: $0, locale: .vietnamese) }
        case .attend:
            change = .attend
        }
        let decision = try decide(change, on: current, at: changedAt)
        appointment.status = decision.status
        appointment.startsAt = decision.startsAt
        let messages = try decision.notices.map { notice throws(AppointmentRejection) in
            try message(notice, for: appointment, previousStart: current.startsAt, reason: reason, reasonCode: reasonCode, createdAt: changedAt)
        }
        return AppointmentUpdate(
            appointment: appointment, cancelsPendingMessages: decision.cancelsPendingMessages,
            cancellationReason: "appointment \(Self.pastTense(of: change))", messages: messages)
    }

    private func decide(_ change: AppointmentChange, on appointment: Appointment, at now: Date) throws(AppointmentRejection) -> AppointmentDecision {
        switch scheduler.decide(change, status: appointment.status, startsAt: appointment.startsAt, now: now) {
        case .success(let decision):
            return decision
        case .failure(.final(let status)):
            throw AppointmentRejection(
                code: "appointment_\(status.rawValue)",
                message: "appointment \(appointment.id) is \(status.rawValue) already; nothing about it can change (book a new one)",
                field: nil)
        case .failure(.startsInPast):
            throw AppointmentRejection(code: "in_past", message: "startsAt is in the past; book a time to come", field: AppointmentField.startsAt.rawValue)
        case .failure(.sameStart):
            throw AppointmentRejection(
                code: "same_start",
                message: "the appointment already starts at \(AppointmentValidator.vietnamTime(appointment.startsAt)); give the new time",
                field: AppointmentField.startsAt.rawValue)
        }
    }

    /// `code` when the catalog's `cancellationReasons` list has it; refuses it naming `reasonCode` otherwise.
    private func checked(_ code: String?) throws(AppointmentRejection) -> String? {
        guard let code else { return nil }
        let codes = composer.catalog.codes(in: .cancellationReasons)
        guard codes.contains(code) else {
            throw AppointmentRejection(
                code: "unknown_value",
                message: "unknown reasonCode '\(code.prefix(64))'; use a code of the cancellationReasons list in templates/values.yaml: \(codes.joined(separator: ", "))",
                field: "reasonCode")
        }
        return code
    }

    private func message(
        _ notice: ScheduledNotice, for appointment: Appointment, previousStart: Date?, reason: String?, reasonCode: String? = nil,
        createdAt: Date
    ) throws(AppointmentRejection) -> StoredMessage {
        let recipient: PhoneNumber
        do {
            recipient = try PhoneNumber(e164: appointment.phone)
        } catch {
            throw AppointmentRejection(code: "invalid_phone", message: error.message, field: AppointmentField.applicantPhone.rawValue)
        }
        let addressee = MessageComposer.Addressee(
            recipient: recipient, locale: appointment.locale, commune: appointment.commune,
            dossierCode: appointment.dossierCode ?? "", eventSource: Appointment.messageSource, eventId: appointment.id)
        let catalog = composer.catalog
        let reference = reference
        let variables = { (locale: MessageLocale) -> [String: TemplateValue] in
            var variables = reference.templateVariables(procedure: appointment.procedure, commune: appointment.commune, locale: locale)
            variables["name"] = .text(appointment.applicantName)
            variables["officeAddress"] = .text(appointment.place)
            variables["appointmentAt"] = .dateTime(appointment.startsAt)
            if let previousStart, previousStart != appointment.startsAt { variables["previousAppointmentAt"] = .dateTime(previousStart) }
            if let reason { variables["reason"] = .text(reason) }
            if let reasonCode, let listed = catalog.listedValue(.cancellationReasons, code: reasonCode, locale: locale) {
                variables["reason"] = .text(listed)
            }
            return variables
        }
        let kind = notice.kind
        do throws(MessageComposer.Failure) {
            return try composer.compose(
                kind, for: addressee, variables: variables, shortenable: [AppointmentField.reason.rawValue],
                createdAt: createdAt, due: notice.due)
        } catch {
            switch error {
            case .unknownKind:
                throw AppointmentRejection(code: "unknown_kind", message: "the template catalog does not define \(kind); appointments need \(Self.kinds.map(\.rawValue).joined(separator: ", "))", field: nil)
            case .missingVariable(let name):
                let field = Self.field(forVariable: name)
                throw AppointmentRejection(code: "missing_field", message: "a \(kind) message needs \(name); give \(field)", field: field)
            case .overBudget(let segments, let budget, let fitsWithoutNote):
                throw fitsWithoutNote
                    ? AppointmentRejection(
                        code: "too_long",
                        message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)); shorten the reason",
                        field: AppointmentField.reason.rawValue)
                    : AppointmentRejection(
                        code: "too_long",
                        message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)) even folded; shorten applicant.name or place",
                        field: AppointmentField.applicantName.rawValue)
            case .notPlainText(let name, let character):
                let field = Self.field(forVariable: name)
                throw AppointmentRejection(
                    code: "invalid_field",
                    message: "\(field) holds \(character), which a \(appointment.locale) message cannot carry (it must stay in plain GSM-7 letters); remove it",
                    field: field)
            case .renderFailed(let description):
                throw AppointmentRejection(code: "render_failed", message: "the \(kind) template could not be rendered: \(description)", field: nil)
            }
        }
    }

    /// The appointment field that supplies a template variable, for error messages.
    static func field(forVariable name: String) -> String {
        switch name {
        case "name": AppointmentField.applicantName.rawValue
        case "office", "officeHours", "officePhone": AppointmentField.commune.rawValue
        case "officeAddress": AppointmentField.place.rawValue
        case "appointmentAt", "previousAppointmentAt": AppointmentField.startsAt.rawValue
        case "procedure", "bring": AppointmentField.procedure.rawValue
        default: name
        }
    }

    private static func pastTense(of change: AppointmentChange) -> String {
        switch change {
        case .book: "booked"
        case .move: "moved"
        case .cancel: "cancelled"
        case .attend: "attended"
        }
    }
}

extension AppointmentPlanner {
    /// The planner a gateway configured this way uses: its reminder offsets and quiet hours, and
    /// the encoding policies of each recipient's route.
    public init(configuration: GatewayConfiguration, catalog: TemplateCatalog, reference: ReferenceData, now: @escaping @Sendable () -> Date) {
        self.init(
            scheduler: AppointmentScheduler(reminders: configuration.reminders), reference: reference,
            composer: MessageComposer(
                catalog: catalog, routeEncodings: { [configuration] in configuration.encodingPolicies(for: $0) },
                quietHours: configuration.quietHours),
            now: now)
    }
}
