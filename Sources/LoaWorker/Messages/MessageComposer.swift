public import Foundation
public import LoaCore
public import LoaStore
public import LoaTemplates

/// Renders one outbox message from a kind, a locale and template variables, within the kind's
/// segment budget (folded if need be, then with the shortenable values cut short; see
/// ``TemplateCatalog/renderWithinBudget(kind:locale:variables:policy:shortenable:)``), due when
/// quiet hours allow and valid for the kind's validity counted from when it is due. What dossier
/// events and appointments both send goes through here; each caller names its own fields in
/// the errors.
///
/// A text a native speaker has not reviewed is sent as its locale's `unreviewed` policy says
/// (``TemplateCatalog/localeChoice(for:requested:)``): as it is, marked as it is, or replaced by
/// the Vietnamese text and marked so (``StoredMessage/unreviewedLocale``), or held for an operator
/// with the Vietnamese text kept beside it (``StoredMessage/textReviewHold``, `holdAs: operator`).
/// That is why callers give their variables per locale: the Vietnamese text needs Vietnamese values.
public struct MessageComposer: Sendable {
    let catalog: TemplateCatalog
    let routeEncodings: @Sendable (PhoneNumber) -> [MessageLocale: EncodingPolicy]
    let quietHours: QuietHours

    /// Creates a composer; `routeEncodings` gives the encoding policies of the provider a
    /// recipient's route tries first, which override the catalog's.
    public init(
        catalog: TemplateCatalog,
        routeEncodings: @escaping @Sendable (PhoneNumber) -> [MessageLocale: EncodingPolicy] = { _ in [:] },
        quietHours: QuietHours = .none
    ) {
        self.catalog = catalog
        self.routeEncodings = routeEncodings
        self.quietHours = quietHours
    }

    /// Who a message goes to and what it belongs to.
    public struct Addressee: Sendable {
        public var recipient: PhoneNumber
        public var locale: MessageLocale
        public var commune: String
        /// The dossier it is about; empty when none.
        public var dossierCode: String
        /// What produced it: an event's source and id, or ``Appointment/messageSource`` and the appointment's id.
        public var eventSource: String
        public var eventId: String

        /// Creates an addressee.
        public init(recipient: PhoneNumber, locale: MessageLocale, commune: String, dossierCode: String, eventSource: String, eventId: String) {
            self.recipient = recipient
            self.locale = locale
            self.commune = commune
            self.dossierCode = dossierCode
            self.eventSource = eventSource
            self.eventId = eventId
        }
    }

    /// Why a message could not be composed.
    public enum Failure: Error, Sendable, Equatable {
        /// The catalog does not define the kind.
        case unknownKind
        /// A variable the kind requires has no value.
        case missingVariable(String)
        /// Over the kind's segment budget even folded; `fitsWithoutNote` when only the
        /// shortenable values are too long to cut to a useful length.
        case overBudget(segments: Int, budget: Int, fitsWithoutNote: Bool)
        /// A text variable holds a character the message cannot carry in plain letters (GSM-7,
        /// as Mông messages are sent), described, e.g. `'😀' (U+1F600)`.
        case notPlainText(variable: String, character: String)
        /// Any other render error, described.
        case renderFailed(String)
    }

    /// The message of `kind` for `addressee`, created at `createdAt` and due at `due` (moved
    /// past quiet hours by the kind's priority). `variables` gives the values in the locale the
    /// text is rendered in (the addressee's, or Vietnamese when its text is held back); it may
    /// hold more than the kind takes: only those it declares are used.
    public func compose(
        _ kind: NotificationKind, for addressee: Addressee, variables: (MessageLocale) -> [String: TemplateValue],
        shortenable: Set<String>, createdAt: Date, due: Date
    ) throws(Failure) -> StoredMessage {
        guard let definition = catalog.definition(of: kind) else { throw .unknownKind }
        let choice = catalog.localeChoice(for: kind, requested: addressee.locale)
        let declared = Set(definition.variables)
        let values = variables(choice.locale).filter { declared.contains($0.key) }
        let rendered = try render(kind, in: choice.locale, for: addressee, variables: values, shortenable: shortenable)
        let sendable = quietHours.sendableTime(forEpochSeconds: due.timeIntervalSince1970, priority: definition.priority)
        var message = StoredMessage(
            id: OpaqueID.make(prefix: "msg", epochMilliseconds: createdAt.epochMilliseconds),
            dossierCode: addressee.dossierCode, commune: addressee.commune, kind: kind, locale: choice.locale,
            priority: definition.priority, recipient: addressee.recipient.e164, text: rendered.text,
            encoding: rendered.encoding, segments: rendered.segments,
            createdAt: createdAt, updatedAt: createdAt,
            notBefore: Date(timeIntervalSince1970: sendable),
            expiresAt: definition.expiry(createdAt: due, variables: values),
            eventSource: addressee.eventSource, eventId: addressee.eventId,
            waitReason: WaitReason.newMessage(
                createdAt: createdAt.timeIntervalSince1970, dueAt: due.timeIntervalSince1970, sendableAt: sendable),
            unreviewedLocale: choice.unreviewedLocale)
        if let textSHA256 = choice.heldForReviewOf {
            // Held for an operator: never claimable before its expiry, which still ends it; the
            // Vietnamese text waits beside it in case the operator sends that instead.
            let vietnamese = LocaleChoice.holdLocale
            let alternative = try render(
                kind, in: vietnamese, for: addressee, variables: variables(vietnamese).filter { declared.contains($0.key) },
                shortenable: shortenable)
            message.notBefore = message.expiresAt
            message.waitReason = .textReview
            message.textReviewHold = TextReviewHold(
                textSHA256: textSHA256, dueAt: Date(timeIntervalSince1970: sendable),
                alternative: TextReviewHold.AlternativeText(
                    locale: vietnamese, text: alternative.text, encoding: alternative.encoding, segments: alternative.segments))
        }
        return message
    }

    /// `kind`'s text in `locale` within its budget, its render errors as ``Failure``s.
    private func render(
        _ kind: NotificationKind, in locale: MessageLocale, for addressee: Addressee, variables: [String: TemplateValue],
        shortenable: Set<String>
    ) throws(Failure) -> SMSAnalysis {
        do {
            return try catalog.renderWithinBudget(
                kind: kind, locale: locale, variables: variables,
                policy: routeEncodings(addressee.recipient)[locale], shortenable: shortenable).analysis
        } catch .missingVariable(let name) {
            throw .missingVariable(name)
        } catch .overBudget(_, _, let segments, let budget, let fitsWithoutNote) {
            throw .overBudget(segments: segments, budget: budget, fitsWithoutNote: fitsWithoutNote)
        } catch .notPlainText(let name, let character) {
            throw .notPlainText(variable: name, character: character)
        } catch {
            throw .renderFailed("\(error)")
        }
    }
}
