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
    let reference: ReferenceData
    let composer: MessageComposer
    let now: @Sendable () -> Date

    /// Creates a planner; `routeEncodings` gives the encoding policies of the provider a
    /// recipient's route tries first, which override the catalog's.
    public init(
        rules: NotificationRules, catalog: TemplateCatalog, reference: ReferenceData,
        routeEncodings: @escaping @Sendable (PhoneNumber) -> [MessageLocale: EncodingPolicy] = { _ in [:] },
        quietHours: QuietHours = .none,
        now: @escaping @Sendable () -> Date
    ) {
        self.rules = rules
        self.reference = reference
        composer = MessageComposer(catalog: catalog, routeEncodings: routeEncodings, quietHours: quietHours)
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
        try checkCodes(of: event)
        let createdAt = now()
        var messages: [StoredMessage] = []
        for kind in rules.kinds(for: event.status) {
            messages.append(try message(kind: kind, for: event, createdAt: createdAt))
        }
        return EventPlan(messages: messages, supersedesOlderMessages: snapshot != nil)
    }

    private func message(kind: NotificationKind, for event: DossierEvent, createdAt: Date) throws(IngestRejection) -> StoredMessage {
        let addressee = MessageComposer.Addressee(
            recipient: event.applicantPhone, locale: event.locale, commune: event.commune, dossierCode: event.dossierCode,
            eventSource: event.source, eventId: event.eventId)
        // Every render keeps the kind's segment budget: folded if need be, then with the note
        // cut short; only a message that cannot fit even so refuses the event.
        do throws(MessageComposer.Failure) {
            return try composer.compose(
                kind, for: addressee, variables: { variables(for: event, locale: $0) }, shortenable: EventPlanner.noteVariables,
                createdAt: createdAt, due: createdAt)
        } catch {
            switch error {
            case .unknownKind:
                throw IngestRejection(code: "unknown_kind", message: "the rules map status \(event.status.name) to kind '\(kind)', which the template catalog does not define; fix rules in config/loa.yaml", field: "status")
            case .missingVariable(let name):
                throw IngestRejection(
                    code: "missing_field",
                    message: "a \(kind) message needs \(name); send \(EventPlanner.field(forVariable: name)) with the event",
                    field: EventPlanner.field(forVariable: name))
            case .overBudget(let segments, let budget, let fitsWithoutNote):
                throw fitsWithoutNote
                    ? IngestRejection(
                        code: "too_long",
                        message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)) and leaves room for fewer than \(SegmentBudget.minimumKeptCharacters) characters of the note; shorten applicant.name or the note",
                        field: "note")
                    : IngestRejection(
                        code: "too_long",
                        message: "the \(kind) message would cost \(segments) SMS parts (at most \(budget)) even folded and without a note; shorten applicant.name",
                        field: "applicant.name")
            case .notPlainText(let name, let character):
                let field = EventPlanner.field(forVariable: name)
                throw IngestRejection(
                    code: "invalid_field",
                    message: "\(field) holds \(character), which a \(event.locale) message cannot carry (it must stay in plain GSM-7 letters); remove it",
                    field: field)
            case .renderFailed(let description):
                throw IngestRejection(code: "render_failed", message: "the \(kind) template could not be rendered: \(description)", field: nil)
            }
        }
    }

    /// Every variable the event and the reference data can fill in `locale`; the caller keeps
    /// those the kind declares. A listed code fills its variable in `locale`'s words; the note
    /// fills the note variables no code filled.
    func variables(for event: DossierEvent, locale: MessageLocale) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [
            "name": .text(event.applicantName),
            "dossierCode": .text(event.dossierCode),
        ]
        values.merge(reference.templateVariables(procedure: event.procedure, commune: event.commune, locale: locale)) { $1 }
        if let dueDate = event.dueDate { values["dueDate"] = .date(dueDate) }
        if let note = event.note, !note.isEmpty {
            for name in EventPlanner.noteVariables { values[name] = .text(note) }
        }
        for (list, code) in [(ValueList.missing, event.missingCode), (.refusalReasons, event.reasonCode)] {
            if let code, let value = composer.catalog.listedValue(list, code: code, locale: locale) {
                values[list.variable] = .text(value)
            }
        }
        return values
    }

    /// Refuses a `missingCode` or `reasonCode` the template catalog's lists do not have.
    private func checkCodes(of event: DossierEvent) throws(IngestRejection) {
        for (field, list, code) in [("missingCode", ValueList.missing, event.missingCode), ("reasonCode", .refusalReasons, event.reasonCode)] {
            guard let code, !composer.catalog.codes(in: list).contains(code) else { continue }
            throw IngestRejection(
                code: "unknown_value",
                message: "unknown \(field) '\(code)'; use a code of the \(list.rawValue) list in templates/values.yaml: \(composer.catalog.codes(in: list).joined(separator: ", "))",
                field: field)
        }
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
