import Foundation
import LoaCore

extension TemplateValue {
    /// Parses the written form of a value of `type`: the text itself, `yyyy-MM-dd`, RFC 3339
    /// (with or without fractional seconds) or a whole number; nil when `written` is not one.
    init?(parsing written: String, as type: VariableType) {
        switch type {
        case .text:
            self = .text(written)
        case .date:
            guard let day = CalendarDay(iso8601: written) else { return nil }
            self = .date(day)
        case .dateTime:
            guard let instant = TemplateValue.instant(rfc3339: written) else { return nil }
            self = .dateTime(instant)
        case .amount:
            guard let amount = Int(written) else { return nil }
            self = .amount(amount)
        }
    }

    private static func instant(rfc3339 text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let instant = formatter.date(from: text) { return instant }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
