import Foundation
import LoaCore

/// How a locale writes dates, times and amounts; chosen per locale by the catalog's `formats` key.
///
/// Dates and times are always Vietnam time (UTC+7). Written by the project itself: CLDR has no
/// data for Mông in RPA.
public enum ValueFormat: String, Sendable, CaseIterable {
    /// `05/12/2026`, `08:30 ngày 05/12/2026`, `150.000 đồng`.
    case vietnamese
    /// `hnub tim 5 lub 12 hli 2026`, `8:30 teev, hnub tim 5 lub 12 hli 2026`, `150.000 dong`
    /// (the date pattern of the working glossary; the hour is written with digits and the
    /// locale's ``ClockHourWord``).
    case hmongRPA = "hmong-rpa"

    /// `value` as the message shows it; text is trimmed of surrounding whitespace. `clockHour`
    /// is the word after a Mông time (Vietnamese times need none).
    public func format(_ value: TemplateValue, clockHour: ClockHourWord = .teev) -> String {
        switch value {
        case .text(let text): trimmed(text)
        case .date(let day): format(year: day.year, month: day.month, day: day.day)
        case .dateTime(let instant): format(VietnamWallClock(instant), clockHour: clockHour)
        case .amount(let amount): format(amount: amount)
        }
    }

    /// `text` without surrounding whitespace; checks the ends first, as most values have none.
    private func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !isWhitespace(first), !isWhitespace(last) else {
            return text.trimmingWhitespace()
        }
        return text
    }

    /// Answers ASCII without a Unicode property lookup.
    private func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    private func format(year: Int, month: Int, day: Int) -> String {
        switch self {
        case .vietnamese: "\(padded(day, 2))/\(padded(month, 2))/\(padded(year, 4))"
        case .hmongRPA: "hnub tim \(day) lub \(month) hli \(year)"
        }
    }

    private func format(_ clock: VietnamWallClock, clockHour: ClockHourWord) -> String {
        let date = format(year: clock.year, month: clock.month, day: clock.day)
        return switch self {
        case .vietnamese: "\(padded(clock.hour, 2)):\(padded(clock.minute, 2)) ngày \(date)"
        case .hmongRPA: "\(clock.hour):\(padded(clock.minute, 2))\(clockHour.word.map { " \($0)" } ?? ""), \(date)"
        }
    }

    private func format(amount: Int) -> String {
        var groups: [String] = []
        var remaining = amount.magnitude
        repeat {
            let group = remaining % 1000
            remaining /= 1000
            groups.append(remaining > 0 ? padded(Int(group), 3) : String(group))
        } while remaining > 0
        let number = (amount < 0 ? "-" : "") + groups.reversed().joined(separator: ".")
        return switch self {
        case .vietnamese: "\(number) đồng"
        case .hmongRPA: "\(number) dong"
        }
    }

    private func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
