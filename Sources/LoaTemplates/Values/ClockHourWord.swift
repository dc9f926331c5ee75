/// The word a Mông (RPA) time is written with after its digits (`locales.<tag>.clockHour`):
/// `8:30 teev`, `8:30 sij` or just `8:30`. A reviewer's choice: `teev` ("hour", as Hmong
/// elsewhere counts hours) is the default; the Mông service of Vietnam's national radio writes
/// clock hours with `sij` (from `sij hawm`, "time"). See templates/hmn/GLOSSARY.md.
public enum ClockHourWord: String, Sendable, CaseIterable {
    case teev
    case sij
    /// Digits only.
    case none

    /// The word, or nil for ``none``.
    var word: String? {
        self == .none ? nil : rawValue
    }
}
