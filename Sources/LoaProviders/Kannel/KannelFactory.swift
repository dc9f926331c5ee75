import Foundation
public import LoaSettings

/// Builds `type: kannel` providers: `url`, `username`, `password`, `receiptURL`,
/// `receiptSecret`, `dlrMask`, `timeout`, `inboundSecret`.
public enum KannelFactory: ProviderFactory {
    public static let type = "kannel"

    public static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint {
        let values = settings.values
        return Blueprint(name: settings.name, settings: KannelSettings(
            sendURL: try values.plainHTTPURL(settings.key("url"), why: "smsbox serves sendsms over plain HTTP; reach it on a private network or through a tunnel"),
            username: try values.requiredString(settings.key("username"), why: "a sendsms-user of the Kannel configuration"),
            password: try values.requiredString(settings.key("password"), why: "the sendsms-user's password"),
            receiptBaseURL: try values.url(settings.key("receiptURL"), default: settings.publicURL.absoluteString),
            receiptSecret: try values.secret(settings.key("receiptSecret"), why: "signs the dlr-url so only Kannel can report deliveries"),
            // A dlr-url is accepted for twice as long as Loa waits for its report, so a report
            // that comes after the message ended `unreported` can still settle it.
            receiptValiditySeconds: 2 * settings.reportTimeoutSeconds,
            dlrMask: try values.int(settings.key("dlrMask"), default: 31, in: 0...255),
            timeoutSeconds: try values.seconds(settings.key("timeout"), default: 10, in: 0.1...300),
            inboundSecret: values.optionalString(settings.key("inboundSecret")) == nil ? nil : try values.secret(
                settings.key("inboundSecret"), why: "the key Kannel's sms-service get-url carries, so only Kannel can hand over what residents send")))
    }

    /// A Kannel provider's validated settings.
    public struct Blueprint: ProviderBlueprint {
        public let name: String
        public let settings: KannelSettings
        public var submitTimeoutSeconds: Double? { settings.timeoutSeconds }

        public func build(_ context: ProviderContext) throws(ConfigurationError) -> BuiltProvider {
            do {
                return BuiltProvider(provider: try KannelProvider(name: name, settings: settings))
            } catch {
                throw ConfigurationError(key: "providers.\(name).url", message: "\(error)")
            }
        }
    }
}
