public import LoaCore

/// Where a USSD caller is in the menu, read from every answer so far: the aggregator sends them
/// joined by `*` (`""` on the first request, `"1"`, then `"1*000.00.00.H15-241130-0001"`), so the
/// menu needs no session storage.
///
/// ```swift
/// USSDRequest(path: "1*000.00.00.h15-241130-0001")   // .dossier(code: "000.00.00.H15-241130-0001")
/// ```
public enum USSDRequest: Sendable, Equatable {
    /// The first screen.
    case menu
    /// `1`: ask for a dossier code.
    case askCode
    /// `1*<code>`: the dossier's state.
    case dossier(code: String)
    /// `1*<something that is not a code>`.
    case badCode
    /// `2`: the caller's upcoming appointments.
    case appointments
    /// `3`: choose a language.
    case languageMenu
    /// `3*1` (Vietnamese) or `3*2` (Mông).
    case language(MessageLocale)
    /// Any other path.
    case invalid

    /// Reads the path of answers.
    public init(path: String) {
        let answers = path.split(separator: "*", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        switch answers.first ?? "" {
        case "" where answers.count == 1: self = .menu
        case "1" where answers.count == 1: self = .askCode
        case "1" where answers.count == 2: self = ResidentCommand.dossierCode(typed: answers[1]).map { .dossier(code: $0) } ?? .badCode
        case "2" where answers.count == 1: self = .appointments
        case "3" where answers.count == 1: self = .languageMenu
        case "3" where answers.count == 2 && answers[1] == "1": self = .language(.vietnamese)
        case "3" where answers.count == 2 && answers[1] == "2": self = .language(.hmong)
        default: self = .invalid
        }
    }
}
