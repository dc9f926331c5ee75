public import Foundation
public import LoaConfig
public import LoaCore
public import LoaStore
public import LoaTemplates

/// Decides what an accepted dossier event sends: applies the notification rules, fills the
/// template variables from the event and the reference data, and renders each message so the
/// outbox holds exactly what will go out, within the kind's segment budget (see
/// ``TemplateCatalog/renderWithinBudget(kind:locale:variables:policy:shortenable:)``).
///
/// Pure apart from reading the clock it is given; the store calls it inside the ingest transaction.
public struct EventPlanner: Sendable {
    let rules: NotificationRules
    let catalog: TemplateCatalog
    let reference: ReferenceData
    let routeEncodings: @Sendable (PhoneNumber) -> [MessageLocale: EncodingPolicy]
    let quietHours: QuietHours
    let now: @Sendable () -> Date

    /// Creates a planner; `routeEncodings` gives the encoding policies of the provider a
    /// recipient's route tries first, which override the catalog's.
    public init(
        rules: NotificationRules, catalog: TemplateCatalog, reference: ReferenceData,
        routeEncodings: @escaping @Sendable (PhoneNumber) -> [MessageLocale: EncodingPolicy] = { _ in [:] },
        quietHours: QuietHours = .none,
        now: @escaping @Sendable () -> Date
    ) {
        self.quietHours = quietHours
        self.rules = rules
        self.catalog = catalog
        self.reference = reference
        self.routeEncodings = routeEncodings
        self.now = now
    }

    /// The plan for `event`, given the dossier's state before it.
    ///
    /// An event older than the dossier's current status, or repeating it, is recorded but sends
    /// nothing; a newer status cancels the dossier's unsent messages as superseded.
    public func plan(_ event: DossierEvent, after snapshot: DossierSnapshot?) throws(IngestRejection) -> EventPlan {
        if let snapshot, event.occurredAt < snapshot.statusOccurredAt || event.status == snapshot.status {
            return EventPlan(messages: [], supersedesOlderMessages: false)
        }
        let createdAt = now()
        var messages: [StoredMessage] = []
        for kind in rules.kinds(for: event.status) {
            messages.append(try message(kind: kind, for: event, createdAt: createdAt))
        }
        return EventPlan(messages: messages, supersedesOlderMessages: snapshot != nil)
    }

    private func message(kind: NotificationKind, for event: DossierEvent, createdAt: Date) throws(IngestRejection) -> StoredMessage {
        guard let definition = catalog.definition(of: kind) else {
            throw IngestRejection(code: "unknown_kind", message: "the rules map status \(event.status.name) to kind '\(kind)', which the template catalog does not define; fix rules in config/loa.yaml", field: "status")
        }
        let declared = Set(definition.required + definition.optional)
        let variables = variables(for: event).filter { declared.contains($0.key) }
        // Every render keeps the kind's segment budget: folded if need be, then with the note
        // cut short; only a message that cannot fit even so refuses the event.
        let rendered: RenderedMessage
        do {
            rendered = try catalog.renderWithinBudget(
                kind: kind, locale: event.locale, variables: variables, policy: routeEncodings(event.applicantPhone)[event.locale],
                shortenable: EventPlanner.noteVariables)
        } catch .missingVariable(let name) {
            throw IngestRejection(
                code: "missing_field",
                message: "a \(kind) message needs \(name); send \(EventPlanner.field(forVariable: name)) with the event",
                field: EventPlanner.field(forVariable: name))
        } catch .overBudget(_, _, let segments, let budget, let fitsWithoutNote) {
            throw fitsWithoutNote
                ? IngestRejection(
                    code: "too_long",
                    message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)) and leaves room for fewer than \(SegmentBudget.minimumKeptCharacters) characters of the note; shorten applicant.name or the note",
                    field: "note")
                : IngestRejection(
                    code: "too_long",
                    message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)) even folded and without a note; shorten applicant.name",
                    field: "applicant.name")
        } catch {
            throw IngestRejection(code: "render_failed", message: "the \(kind) template could not be rendered: \(error)", field: nil)
        }
        return StoredMessage(
            id: OpaqueID.make(prefix: "msg", epochMilliseconds: createdAt.epochMilliseconds),
            dossierCode: event.dossierCode, commune: event.commune, kind: kind, locale: event.locale,
            priority: definition.priority, recipient: event.applicantPhone.e164, text: rendered.analysis.text,
            encoding: rendered.analysis.encoding, segments: rendered.analysis.segments,
            createdAt: createdAt, updatedAt: createdAt,
            notBefore: Date(timeIntervalSince1970: quietHours.sendableTime(
                forEpochSeconds: createdAt.timeIntervalSince1970, priority: definition.priority)),
            expiresAt: definition.expiry(createdAt: createdAt, variables: variables),
            eventSource: event.source, eventId: event.eventId)
    }

    /// Every variable the event and the reference data can fill; the caller keeps those the kind declares.
    func variables(for event: DossierEvent) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [
            "name": .text(event.applicantName),
            "dossierCode": .text(event.dossierCode),
        ]
        if let procedure = reference.procedures[event.procedure] {
            values["procedure"] = .text(procedure.name(for: event.locale))
            if let bring = procedure.bring(for: event.locale) { values["bring"] = .text(bring) }
        }
        if let commune = reference.communes[event.commune] {
            values["office"] = .text(commune.office)
            if let address = commune.address { values["officeAddress"] = .text(address) }
            if let hours = commune.hours(for: event.locale) { values["officeHours"] = .text(hours) }
            if let phone = commune.phone { values["officePhone"] = .text(phone) }
        }
        if let dueDate = event.dueDate { values["dueDate"] = .date(dueDate) }
        if let note = event.note, !note.isEmpty {
            for name in EventPlanner.noteVariables { values[name] = .text(note) }
        }
        return values
    }

    /// The template variables the event's free-text `note` fills; the only values cut short
    /// when a message is over its segment budget.
    static let noteVariables: Set<String> = ["note", "missing", "reason"]

    /// The event field that supplies a template variable, for error messages.
    static func field(forVariable name: String) -> String {
        switch name {
        case "name": "applicant.name"
        case "procedure", "bring": "procedure"
        case "office", "officeAddress", "officeHours", "officePhone": "commune"
        case "missing", "reason", "note": "note"
        default: name
        }
    }
}
