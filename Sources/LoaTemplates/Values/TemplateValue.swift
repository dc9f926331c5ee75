public import Foundation
public import LoaCore

/// A value for one template variable; its case must match the variable's declared ``VariableType``.
///
/// ```swift
/// let variables: [String: TemplateValue] = [
///     "name": .text("Giàng A Vảng"),
///     "dueDate": .date(CalendarDay(year: 2026, month: 12, day: 5)!),
///     "appointmentAt": .dateTime(appointment.startsAt),
///     "amount": .amount(150_000),
/// ]
/// ```
public enum TemplateValue: Sendable, Equatable {
    /// A string, inserted as given.
    case text(String)
    /// A calendar day.
    case date(CalendarDay)
    /// An instant, shown in Vietnam time (UTC+7).
    case dateTime(Date)
    /// A whole number of Vietnamese đồng.
    case amount(Int)

    /// The variable type this value satisfies.
    public var type: VariableType {
        switch self {
        case .text: .text
        case .date: .date
        case .dateTime: .dateTime
        case .amount: .amount
        }
    }
}
