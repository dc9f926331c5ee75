public import LoaCore
public import LoaSettings

/// The USSD menu's screens per locale (from `config/ussd.yaml`), plain GSM-7 so a screen holds
/// 182 characters.
///
/// ```swift
/// let texts = try USSDTexts.load(file: "config/ussd.yaml")
/// texts.screens(for: .hmong).menu
/// ```
public struct USSDTexts: Sendable, Equatable {
    /// Every screen of one locale; `{name}` marks a value Loa fills in.
    public struct Screens: Sendable, Equatable, Decodable {
        public var menu: String
        public var askCode: String
        /// `{code}`, `{state}`, `{next}`.
        public var dossier: String
        /// `{code}`.
        public var notFound: String
        public var tooManyLookups: String
        public var noAppointments: String
        /// `{list}`: one ``appointment`` line each.
        public var appointments: String
        /// `{when}`, `{office}`.
        public var appointment: String
        public var languageMenu: String
        public var languageChosen: String
        public var invalid: String

        var all: [(name: String, text: String)] {
            [("menu", menu), ("askCode", askCode), ("dossier", dossier), ("notFound", notFound), ("tooManyLookups", tooManyLookups),
             ("noAppointments", noAppointments), ("appointments", appointments), ("appointment", appointment),
             ("languageMenu", languageMenu), ("languageChosen", languageChosen), ("invalid", invalid)]
        }
    }

    /// Screens by locale; every supported locale has them.
    public var byLocale: [MessageLocale: Screens]

    /// The screens of `locale`, falling back to Vietnamese.
    public func screens(for locale: MessageLocale) -> Screens {
        byLocale[locale] ?? byLocale[.vietnamese]!
    }

    private struct File: Decodable { var screens: [String: Screens] }

    /// Loads the file: each supported locale needs every screen, in GSM-7 characters only.
    public static func load(file path: String) throws(ConfigurationError) -> USSDTexts {
        let file = try ReferenceData.decode(File.self, from: path)
        var byLocale: [MessageLocale: Screens] = [:]
        for locale in MessageLocale.supported {
            guard let screens = file.screens[locale.rawValue] else {
                throw ConfigurationError(key: "\(path): screens.\(locale.rawValue)", message: "every locale Loa ships needs its USSD screens")
            }
            for (name, text) in screens.all where !SMSText.isGSM7(text) {
                throw ConfigurationError(key: "\(path): screens.\(locale.rawValue).\(name)", message: "uses characters outside GSM-7; write Vietnamese without marks so the screen keeps 182 characters")
            }
            byLocale[locale] = screens
        }
        return USSDTexts(byLocale: byLocale)
    }
}
