public import Foundation
public import LoaConfig
public import LoaCore
public import LoaStore
import LoaTemplates
public import Logging
public import ServiceLifecycle

/// Answers what residents send by SMS: reads each stored, unhandled inbound message, decides
/// (``ResidentAnswer``), renders the reply through the outbox like any notice, and records the
/// change, the reply and the handled mark in one transaction, so a crash never answers twice
/// nor loses an answer. Woken by ``inbound`` when a message was stored; polls as the fallback.
///
/// ```swift
/// let responder = ResidentResponder(store: store, composer: composer, words: words, inbound: signal,
///                                   dispatch: dispatcher.work, lookups: ResidentLookups(), logger: logger)
/// application.addServices(responder)
/// ```
public struct ResidentResponder: Service {
    let store: any Store
    let composer: MessageComposer
    let words: DossierStateWords
    let inbound: WorkSignal
    let dispatch: WorkSignal
    let lookups: ResidentLookups
    let pollSeconds: Double
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a responder; `inbound` is signalled when inbound messages are stored, `dispatch`
    /// is signalled when replies are added to the outbox.
    public init(
        store: any Store, composer: MessageComposer, words: DossierStateWords, inbound: WorkSignal, dispatch: WorkSignal,
        lookups: ResidentLookups, pollSeconds: Double = 5, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.composer = composer
        self.words = words
        self.inbound = inbound
        self.dispatch = dispatch
        self.lookups = lookups
        self.pollSeconds = pollSeconds
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if try await answerWaiting() > 0 { continue }
            } catch {
                logger.error("answering residents' messages failed; trying again", metadata: ["error": "\(error)"])
            }
            await cancelWhenGracefulShutdown { await inbound.wait(timeout: .seconds(pollSeconds)) }
        }
    }

    /// Answers up to `limit` waiting inbound messages, oldest first; returns how many were handled.
    @discardableResult
    public func answerWaiting(limit: Int = 100) async throws -> Int {
        let waiting = try await store.unhandledInboundMessages(limit: limit)
        var handled = 0
        for stored in waiting {
            if try await answer(stored) { handled += 1 }
        }
        if handled > 0 { dispatch.signal() }
        return handled
    }

    private func answer(_ stored: StoredInboundMessage) async throws -> Bool {
        let message = stored.message
        let at = now()
        let command = ResidentCommand(parsing: message.text)
        var dossier: ResidentDossier?
        var lookupAllowed = true
        if case .dossierStatus(let code) = command {
            lookupAllowed = lookups.admit(message.from, at: at)
            if lookupAllowed { dossier = try await store.dossier(code: code, applicantPhone: message.from) }
        }
        let decision = ResidentAnswer.decide(
            command, preferences: try await store.preferences(of: message.from), dossier: dossier,
            today: RecipientDailyCap.vietnamDay(ofEpochSeconds: at.timeIntervalSince1970),
            source: "sms:\(message.provider)", lookupAllowed: lookupAllowed, words: words)
        var outcome = decision.outcome
        var reply: StoredMessage?
        if let draft = decision.reply {
            do {
                reply = try composer.compose(
                    draft.kind,
                    for: MessageComposer.Addressee(
                        recipient: message.from, locale: draft.locale, commune: draft.commune, dossierCode: draft.dossierCode,
                        eventSource: ResidentResponder.messageSource, eventId: "\(stored.id)"),
                    variables: { locale in ResidentResponder.variables(of: draft, in: locale, dossier: dossier, words: words) },
                    shortenable: [], createdAt: at, due: at)
            } catch {
                // A catalog that cannot render the reply must not hold this message for ever.
                outcome += " (no reply: \(error))"
                logger.error("a reply to a resident could not be rendered", metadata: ["reply.kind": "\(draft.kind)", "error": "\(error)"])
            }
        }
        let answered = try await store.answer(inboundId: stored.id, outcome: outcome, changes: decision.changes, reply: reply, at: at)
        if answered {
            logger.info("resident's message answered", metadata: [
                "inbound.id": "\(stored.id)", "inbound.from": "\(message.from.masked)", "inbound.outcome": "\(outcome)",
            ])
        }
        return answered
    }

    /// The reply's variables in `locale`: its own, with a dossier's state told in `locale`'s words
    /// when the reply is rendered in another language than it was drafted in (an unreviewed text
    /// held back for the Vietnamese one).
    static func variables(
        of draft: ResidentAnswer.Reply, in locale: MessageLocale, dossier: ResidentDossier?, words: DossierStateWords
    ) -> [String: TemplateValue] {
        guard locale != draft.locale, draft.variables["state"] != nil, let dossier,
              let answer = words.answer(for: dossier.snapshot.status, locale: locale) else { return draft.variables }
        var variables = draft.variables
        variables["state"] = .text(answer.state)
        variables["nextStep"] = answer.next.map(TemplateValue.text)
        return variables
    }

    /// The `eventSource` of replies; their `eventId` is the inbound message's id.
    public static let messageSource = "inbound"
}
