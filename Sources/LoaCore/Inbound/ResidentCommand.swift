/// What a resident asks for in an SMS to Loa's number, read from its keyword.
///
/// Basic phones often cannot type Vietnamese marks, so keywords are read folded ("HỦY" and
/// "huy" are the same), in any case, with any spacing; `HS` may be glued to its code
/// (`HS000.00.00.H15-241130-0001`) as residents often type it.
///
/// ```swift
/// ResidentCommand(parsing: " tra cứu  000.00.00.h15-241130-0001")
/// // .dossierStatus(code: "000.00.00.H15-241130-0001")
/// ```
public enum ResidentCommand: Sendable, Equatable {
    /// `HS <code>` or `TRACUU <code>` (also `TRA CUU <code>`): the state of a dossier. The code
    /// is in capitals, as dossier systems write them.
    case dossierStatus(code: String)
    /// `TC`, `HUY` or `STOP`: no more notifications to this phone (urgent appointment changes
    /// still go).
    case stopNotifications
    /// `DK`: notifications again after a stop.
    case resumeNotifications
    /// `MONG` or `HMOOB` (Mông), `VIET` (Vietnamese): the language of later messages.
    case language(MessageLocale)
    /// Anything else, including a status keyword without a code: answered with help text.
    case unrecognised

    /// The longest dossier code a status request may carry (as ingest accepts).
    public static let maximumCodeLength = 64

    /// Reads the command in `text`.
    public init(parsing text: String) {
        let words = VietnameseFolding.fold(text).uppercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else {
            self = .unrecognised
            return
        }
        switch (first, words.count) {
        case ("TC", 1), ("HUY", 1), ("STOP", 1): self = .stopNotifications
        case ("DK", 1): self = .resumeNotifications
        case ("MONG", 1), ("HMOOB", 1): self = .language(.hmong)
        case ("VIET", 1): self = .language(.vietnamese)
        case ("HS", 2), ("TRACUU", 2): self = ResidentCommand.status(words[1])
        case ("TRA", 3) where words[1] == "CUU": self = ResidentCommand.status(words[2])
        case (_, 1) where first.hasPrefix("HS"): self = ResidentCommand.status(String(first.dropFirst(2)))
        default: self = .unrecognised
        }
    }

    private static func status(_ code: String) -> ResidentCommand {
        dossierCode(typed: code).map { .dossierStatus(code: $0) } ?? .unrecognised
    }

    /// A dossier code as a resident typed it, trimmed and in capitals; nil unless it is 1 to
    /// ``maximumCodeLength`` letters, digits and `. - _ /`.
    public static func dossierCode(typed: String) -> String? {
        let code = VietnameseFolding.fold(typed).uppercased().trimmingWhitespace()
        let allowed = !code.isEmpty && code.utf8.count <= maximumCodeLength
            && code.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x2F
            }
        return allowed ? code : nil
    }
}
