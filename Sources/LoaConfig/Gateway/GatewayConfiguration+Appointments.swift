public import LoaSettings
import LoaCore

extension GatewayConfiguration {
    /// `appointments.reminders` (durations before the start, default 24h and 2h; an empty list
    /// sends none) and `appointments.minimumLead` (appointments sooner than this after booking get
    /// no reminder, default 2h), kept out of `quietHours`.
    static func reminderPolicy(_ settings: LayeredSettings, quietHours: QuietHours) throws(ConfigurationError) -> ReminderPolicy {
        let offsets = try settings.durations(
            "appointments.reminders", default: ReminderPolicy.defaultOffsetsSeconds, in: 60...(30 * 86_400))
        let minimumLead = try settings.seconds(
            "appointments.minimumLead", default: ReminderPolicy.defaultMinimumLeadSeconds, in: 0...(30 * 86_400))
        return ReminderPolicy(offsetsSeconds: offsets, minimumLeadSeconds: minimumLead, quietHours: quietHours)
    }
}
