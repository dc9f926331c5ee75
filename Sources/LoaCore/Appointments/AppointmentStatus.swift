/// Where an appointment stands. Only a booked appointment can still change: a cancelled or
/// attended one is final.
public enum AppointmentStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Booked and not yet over: it may be moved, cancelled or marked attended.
    case booked
    /// Called off by the office; the resident was told.
    case cancelled
    /// The resident came.
    case attended

    /// Whether nothing can change any more.
    public var isFinal: Bool { self != .booked }

    public var description: String { rawValue }
}
