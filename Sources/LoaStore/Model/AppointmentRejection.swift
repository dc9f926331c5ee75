/// Why an appointment (or a change to one) is refused, naming the field to fix.
public struct AppointmentRejection: Error, Sendable, Equatable {
    /// A machine-readable code, such as `in_past` or `appointment_final`.
    public var code: String
    public var message: String
    /// The field at fault, as the API names it (`startsAt`, `applicant.phone`); nil when the
    /// appointment as a whole is (for example, already cancelled).
    public var field: String?

    /// Creates a rejection.
    public init(code: String, message: String, field: String?) {
        self.code = code
        self.message = message
        self.field = field
    }
}
