public import Foundation
public import LoaConfig
public import LoaCore
public import LoaStore
import LoaTemplates

/// One USSD screen: its text, and whether the session goes on (`CON`) or ends (`END`).
public struct USSDScreen: Sendable, Equatable {
    public var text: String
    public var continues: Bool

    /// The most GSM-7 characters a USSD screen holds.
    public static let maximumCharacters = 182

    /// The answer body the aggregator expects: `CON …` or `END …`.
    public var body: String { (continues ? "CON " : "END ") + text }
}

/// Answers USSD requests: the menu in the caller's language (their own choice, remembered per
/// phone; Vietnamese without marks otherwise), a dossier's state by code, the caller's upcoming
/// appointments, and a change of language. A code that does not exist and a code that belongs to
/// another phone get the same answer; lookups share the per-phone budget of SMS lookups.
///
/// ```swift
/// let screen = try await responder.respond(phone: phone, path: "1*000.00.00.H15-241130-0001")
/// screen.body   // "END Ho so 000.00.00.H15-241130-0001: da co ket qua. ..."
/// ```
public struct USSDResponder: Sendable {
    let store: any Store
    let texts: USSDTexts
    let words: DossierStateWords
    let reference: ReferenceData
    let lookups: ResidentLookups
    let now: @Sendable () -> Date

    /// The most appointments one screen lists.
    static let listedAppointments = 3

    /// Creates a responder.
    public init(
        store: any Store, texts: USSDTexts, words: DossierStateWords, reference: ReferenceData, lookups: ResidentLookups,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.texts = texts
        self.words = words
        self.reference = reference
        self.lookups = lookups
        self.now = now
    }

    /// The screen for `path` (every answer so far, joined by `*`) from `phone`.
    public func respond(phone: PhoneNumber, path: String) async throws -> USSDScreen {
        let locale = try await store.preferences(of: phone).locale ?? .vietnamese
        let screens = texts.screens(for: locale)
        switch USSDRequest(path: path) {
        case .menu: return screen(screens.menu, continues: true)
        case .askCode: return screen(screens.askCode, continues: true)
        case .badCode: return screen(screens.notFound, ["code": ""])
        case .invalid: return screen(screens.invalid)
        case .languageMenu: return screen(screens.languageMenu, continues: true)
        case .language(let chosen):
            try await store.change(.language(chosen), for: phone, at: now())
            return screen(texts.screens(for: chosen).languageChosen)
        case .dossier(let code):
            guard lookups.admit(phone, at: now()) else { return screen(screens.tooManyLookups) }
            guard let dossier = try await store.dossier(code: code, applicantPhone: phone),
                  let answer = words.answer(for: dossier.snapshot.status, locale: locale) else {
                return screen(screens.notFound, ["code": code])
            }
            return screen(screens.dossier, ["code": dossier.snapshot.code, "state": answer.state, "next": answer.next ?? ""])
        case .appointments:
            let upcoming = try await store.upcomingAppointments(phone: phone, from: now(), limit: USSDResponder.listedAppointments)
            guard !upcoming.isEmpty else { return screen(screens.noAppointments) }
            let lines = upcoming.map { appointment in
                USSDResponder.fill(screens.appointment, [
                    "when": USSDResponder.vietnamTime(appointment.startsAt),
                    "office": reference.communes[appointment.commune]?.office ?? appointment.place,
                ])
            }
            return screen(screens.appointments, ["list": lines.joined(separator: "\n")])
        }
    }

    /// A screen with `values` filled in, folded to plain letters and cut to what a screen holds.
    private func screen(_ template: String, _ values: [String: String] = [:], continues: Bool = false) -> USSDScreen {
        var text = VietnameseFolding.fold(USSDResponder.fill(template, values)).trimmingWhitespace()
        while SMSText.analyse(text).units > USSDScreen.maximumCharacters { text.removeLast() }
        return USSDScreen(text: text, continues: continues)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }

    /// `08:30 05/12` in Vietnam time.
    static func vietnamTime(_ date: Date) -> String {
        let local = VietnamWallClock(date)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(local.hour)):\(two(local.minute)) \(two(local.day))/\(two(local.month))"
    }
}
