import LoaCore
import LoaSettings

extension GatewayConfiguration {
    /// `retention.messages` (1d–3650d, default 90d) and `retention.audit` (default 730d), the
    /// audit trail kept at least as long as messages so that who acted on a message outlives it.
    static func retention(_ settings: LayeredSettings) throws(ConfigurationError) -> RetentionPolicy {
        let messages = try settings.seconds(
            "retention.messages", default: RetentionPolicy.defaultMessageSeconds, in: 86_400...(3650 * 86_400))
        let audit = try settings.seconds(
            "retention.audit", default: max(RetentionPolicy.defaultAuditSeconds, messages), in: 86_400...(36_500 * 86_400))
        guard audit >= messages else {
            throw ConfigurationError(
                key: "retention.audit",
                message: "the audit trail must be kept at least as long as messages (retention.messages); raise retention.audit or leave it out")
        }
        return RetentionPolicy(messageSeconds: messages, auditSeconds: audit)
    }
}
