public import LoaSettings

/// Builds `type: sandbox` providers: `receiptDelay`, `transientFailureRate`,
/// `permanentFailureRate`, `retainedMessages`.
public enum SandboxFactory: ProviderFactory {
    public static let type = "sandbox"

    public static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint {
        let values = settings.values
        return Blueprint(name: settings.name, settings: SandboxSettings(
            receiptDelaySeconds: try values.seconds(settings.key("receiptDelay"), default: 2, in: 0...86_400),
            transientFailureRate: try values.double(settings.key("transientFailureRate"), default: 0, in: 0...1),
            permanentFailureRate: try values.double(settings.key("permanentFailureRate"), default: 0, in: 0...1),
            retainedMessages: try values.int(settings.key("retainedMessages"), default: 10_000, in: 0...1_000_000)))
    }

    /// A sandbox keeps the reports it owes in a file beside the database, so a restarted Loa
    /// delivers them.
    struct Blueprint: ProviderBlueprint {
        let name: String
        let settings: SandboxSettings
        var submitTimeoutSeconds: Double? { nil }

        func build(_ context: ProviderContext) throws(ConfigurationError) -> BuiltProvider {
            let path = context.companionFile(provider: name, purpose: "receipts")
            let queue: SandboxReceiptQueue
            do {
                queue = try SandboxReceiptQueue(path: path)
            } catch {
                throw ConfigurationError(key: "database.path", message: "the sandbox '\(name)' cannot keep its reports in \(path) (\(error)); the folder of database.path must be writable")
            }
            let sandbox = SandboxProvider(name: name, settings: settings, receipts: queue, sink: context.receipts)
            return BuiltProvider(provider: sandbox, services: [sandbox])
        }
    }
}
