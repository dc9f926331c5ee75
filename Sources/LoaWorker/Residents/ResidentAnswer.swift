public import LoaConfig
public import LoaCore
public import LoaStore
public import LoaTemplates

/// What Loa does about one SMS a resident sent: the changes to their preferences, the reply
/// (if any), and the outcome recorded on the inbound message. A pure value, decided by
/// ``decide(_:preferences:dossier:today:source:lookupAllowed:words:)``.
public struct ResidentAnswer: Sendable, Equatable {
    /// A reply still to be rendered: its kind, locale and variables, and the dossier it is about.
    public struct Reply: Sendable, Equatable {
        public var kind: NotificationKind
        public var locale: MessageLocale
        public var variables: [String: TemplateValue]
        /// The dossier the reply is about, so it shows with the dossier's messages; empty when none.
        public var dossierCode: String
        public var commune: String
    }

    /// Recorded on the inbound message: `status`, `status-not-found`, `opted-out`, `opted-in`,
    /// `language`, `help`, `help-already-sent`, `rate-limited`.
    public var outcome: String
    public var changes: [ResidentPreferenceChange]
    public var reply: Reply?

    /// Every kind a reply may be.
    public static let kinds: [NotificationKind] = [
        .residentDossierStatus, .residentDossierNotFound, .residentStopped, .residentResumed, .residentLanguage, .residentHelp,
    ]

    /// Decides the answer to `command`.
    ///
    /// - Parameters:
    ///   - dossier: for a status request, the dossier found with the sender's phone (nil when
    ///     there is none or it is someone else's: both get the same answer).
    ///   - today: the Vietnam day, for help at most once a day.
    ///   - source: how the request came (`sms:<provider>`), recorded with a stop.
    ///   - lookupAllowed: false when the sender is over their lookup budget.
    public static func decide(
        _ command: ResidentCommand, preferences: ResidentPreferences, dossier: ResidentDossier?, today: Int64,
        source: String, lookupAllowed: Bool, words: DossierStateWords
    ) -> ResidentAnswer {
        let locale = preferences.locale ?? .vietnamese
        switch command {
        case .dossierStatus(let code):
            guard lookupAllowed else { return ResidentAnswer(outcome: "rate-limited", changes: [], reply: nil) }
            guard let dossier, let answer = words.answer(for: dossier.snapshot.status, locale: preferences.locale ?? dossier.locale) else {
                return ResidentAnswer(outcome: "status-not-found", changes: [], reply: Reply(
                    kind: .residentDossierNotFound, locale: locale, variables: ["dossierCode": .text(code)], dossierCode: "", commune: ""))
            }
            var variables: [String: TemplateValue] = ["dossierCode": .text(dossier.snapshot.code), "state": .text(answer.state)]
            if let next = answer.next { variables["nextStep"] = .text(next) }
            return ResidentAnswer(outcome: "status", changes: [], reply: Reply(
                kind: .residentDossierStatus, locale: preferences.locale ?? dossier.locale, variables: variables,
                dossierCode: dossier.snapshot.code, commune: dossier.snapshot.commune))
        case .stopNotifications:
            return ResidentAnswer(outcome: "opted-out", changes: [.optOut(source: source)], reply: reply(.residentStopped, locale))
        case .resumeNotifications:
            return ResidentAnswer(outcome: "opted-in", changes: [.optIn], reply: reply(.residentResumed, locale))
        case .language(let chosen):
            // The confirmation is already in the language chosen.
            return ResidentAnswer(outcome: "language", changes: [.language(chosen)], reply: reply(.residentLanguage, chosen))
        case .unrecognised:
            guard preferences.helpSentOnDay != today else {
                return ResidentAnswer(outcome: "help-already-sent", changes: [], reply: nil)
            }
            return ResidentAnswer(outcome: "help", changes: [.helpSent(onDay: today)], reply: reply(.residentHelp, locale))
        }
    }

    private static func reply(_ kind: NotificationKind, _ locale: MessageLocale) -> Reply {
        Reply(kind: kind, locale: locale, variables: [:], dossierCode: "", commune: "")
    }
}
