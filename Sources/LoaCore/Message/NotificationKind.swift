/// What a message tells the resident, for example ``resultReady`` ("your ID card is ready").
///
/// Kinds are open: the template catalog may define more than the constants below, and the rules
/// in configuration map dossier statuses to any kind the catalog knows.
public struct NotificationKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The snake_case name used in configuration, templates and the API.
    public let rawValue: String

    /// Creates a kind from its snake_case name.
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let dossierReceived = NotificationKind(rawValue: "dossier_received")
    public static let supplementRequired = NotificationKind(rawValue: "supplement_required")
    public static let paymentRequired = NotificationKind(rawValue: "payment_required")
    public static let refused = NotificationKind(rawValue: "refused")
    public static let resultReady = NotificationKind(rawValue: "result_ready")
    public static let pickupReminder = NotificationKind(rawValue: "pickup_reminder")
    public static let dossierDelayed = NotificationKind(rawValue: "dossier_delayed")
    public static let appointmentConfirmed = NotificationKind(rawValue: "appointment_confirmed")
    public static let appointmentReminder = NotificationKind(rawValue: "appointment_reminder")
    public static let appointmentRescheduled = NotificationKind(rawValue: "appointment_rescheduled")
    public static let appointmentCancelled = NotificationKind(rawValue: "appointment_cancelled")
    public static let returned = NotificationKind(rawValue: "returned")

    public var description: String { rawValue }
}
