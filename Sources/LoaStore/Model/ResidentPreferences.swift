public import Foundation
public import LoaCore

/// What a resident asked of Loa about their own phone: no notifications, and which language.
public struct ResidentPreferences: Sendable, Equatable {
    /// When the resident stopped notifications; nil while they receive them.
    public var optedOutAt: Date?
    /// How the stop was asked for (`sms:<provider>`, `ussd`, `operator:<key id>`); nil without a stop.
    public var optOutSource: String?
    /// The language the resident chose; it overrides the dossier system's for later messages.
    public var locale: MessageLocale?
    /// The Vietnam day (``RecipientDailyCap/vietnamDay(ofEpochSeconds:)``) help text was last
    /// sent on; help goes at most once a day.
    public var helpSentOnDay: Int64?

    /// Creates preferences.
    public init(optedOutAt: Date? = nil, optOutSource: String? = nil, locale: MessageLocale? = nil, helpSentOnDay: Int64? = nil) {
        self.optedOutAt = optedOutAt
        self.optOutSource = optOutSource
        self.locale = locale
        self.helpSentOnDay = helpSentOnDay
    }

    /// Whether normal and bulk messages to this phone are cancelled (urgent ones still go).
    public var isOptedOut: Bool { optedOutAt != nil }

    /// The reason a message cancelled because its resident stopped notifications carries.
    public static let optedOutReason = "opted-out"
}

/// One change a resident (or an operator for them) makes to ``ResidentPreferences``.
public enum ResidentPreferenceChange: Sendable, Equatable {
    /// Stop notifications; `source` says how it was asked for.
    case optOut(source: String)
    /// Receive notifications again.
    case optIn
    /// Later messages in this language.
    case language(MessageLocale)
    /// Help text was sent on this Vietnam day (so it is not sent again that day).
    case helpSent(onDay: Int64)
}

/// A phone that stopped notifications, as operators list them.
public struct OptOut: Sendable, Equatable {
    public var phone: PhoneNumber
    public var optedOutAt: Date
    public var source: String

    /// Creates an opt-out record.
    public init(phone: PhoneNumber, optedOutAt: Date, source: String) {
        self.phone = phone
        self.optedOutAt = optedOutAt
        self.source = source
    }
}

/// A dossier as its applicant may learn about it: its state, and the language its messages use.
public struct ResidentDossier: Sendable, Equatable {
    public var snapshot: DossierSnapshot
    /// The locale of the dossier's messages (the dossier system's, or the resident's choice
    /// when the last event came after it).
    public var locale: MessageLocale

    /// Creates a resident's view of a dossier.
    public init(snapshot: DossierSnapshot, locale: MessageLocale) {
        self.snapshot = snapshot
        self.locale = locale
    }
}
