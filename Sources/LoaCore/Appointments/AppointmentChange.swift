public import Foundation

/// What an officer (or an import) does to an appointment.
public enum AppointmentChange: Sendable, Equatable {
    /// A new appointment.
    case book
    /// The appointment moves to a new start.
    case move(to: Date)
    /// The office calls it off.
    case cancel
    /// The resident came.
    case attend
}
