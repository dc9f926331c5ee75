/// What became of one appointment handed to ``AppointmentStore/book(_:plan:)``.
public enum BookingOutcome: Sendable, Equatable {
    /// Stored with these messages.
    case booked(Appointment, messageIds: [String])
    /// A booked appointment of the same commune, phone and start exists: it is returned and
    /// nothing new was created.
    case duplicate(Appointment)
    /// The planner refused it; nothing was written for it.
    case rejected(AppointmentRejection)
}

/// What became of a change handed to ``AppointmentStore/changeAppointment(id:commune:_:)``.
public enum AppointmentChangeOutcome: Sendable, Equatable {
    /// Written: the appointment as it is now, and the messages the change created.
    case changed(Appointment, messageIds: [String])
    /// No such appointment (or none in the commune the caller is limited to).
    case notFound
    /// The planner refused the change; nothing was written.
    case refused(AppointmentRejection)
}

/// What a change writes, as the planner decides it inside the store's transaction.
public struct AppointmentUpdate: Sendable {
    /// The appointment as it is to be stored.
    public var appointment: Appointment
    /// Whether the appointment's messages not yet submitted (`pending`) are cancelled first.
    public var cancelsPendingMessages: Bool
    /// Why, as the cancelled messages' last error.
    public var cancellationReason: String
    /// New messages, fully rendered.
    public var messages: [StoredMessage]

    /// Creates an update.
    public init(appointment: Appointment, cancelsPendingMessages: Bool, cancellationReason: String, messages: [StoredMessage]) {
        self.appointment = appointment
        self.cancelsPendingMessages = cancelsPendingMessages
        self.cancellationReason = cancellationReason
        self.messages = messages
    }
}
