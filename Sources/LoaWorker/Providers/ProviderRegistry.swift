public import LoaConfig
public import LoaProviders
public import ServiceLifecycle

/// The providers named in configuration, built once, looked up by name.
///
/// Callers never branch on which adapter they hold: they ask for ``provider(named:)``,
/// ``receiptParser(named:)`` or the ``sandbox`` for its log.
public struct ProviderRegistry: Sendable {
    /// Every provider by name.
    public let providers: [String: any SMSProvider]
    /// Providers that must run as services (the sandbox delivers its receipts that way).
    public let services: [any Service]

    /// Builds every provider `configuration` names; receipts they produce go to `sink`. A
    /// sandbox keeps the reports it owes in a file beside the database (see
    /// ``sandboxReceiptQueuePath(databasePath:provider:)``).
    public init(_ configuration: GatewayConfiguration, sink: any DeliveryReceiptSink) throws(ConfigurationError) {
        var providers: [String: any SMSProvider] = [:]
        var services: [any Service] = []
        for provider in configuration.providers {
            switch provider {
            case .sandbox(let name, let settings):
                let path = ProviderRegistry.sandboxReceiptQueuePath(databasePath: configuration.database.path, provider: name)
                let queue: SandboxReceiptQueue
                do {
                    queue = try SandboxReceiptQueue(path: path)
                } catch {
                    throw ConfigurationError(key: "database.path", message: "the sandbox '\(name)' cannot keep its reports in \(path) (\(error)); the folder of database.path must be writable")
                }
                let sandbox = SandboxProvider(name: name, settings: settings, receipts: queue, sink: sink)
                providers[name] = sandbox
                services.append(sandbox)
            case .kannel(let name, let settings):
                do {
                    providers[name] = try KannelProvider(name: name, settings: settings)
                } catch {
                    throw ConfigurationError(key: "providers.\(name).url", message: "\(error)")
                }
            }
        }
        self.providers = providers
        self.services = services
    }

    /// Where the sandbox called `provider` keeps the reports it owes: beside the database, so a
    /// restarted Loa finds them (`./loa.sqlite` → `./loa.sqlite-sandbox-receipts.sqlite`).
    public static func sandboxReceiptQueuePath(databasePath: String, provider: String) -> String {
        "\(databasePath)-\(provider)-receipts.sqlite"
    }

    /// The provider called `name`.
    public func provider(named name: String) -> (any SMSProvider)? { providers[name] }

    /// The provider called `name`, if it takes receipt callbacks.
    public func receiptParser(named name: String) -> (any ReceiptCallbackParsing)? {
        providers[name] as? any ReceiptCallbackParsing
    }

    /// The first sandbox provider, whose log `GET /v1/sandbox/messages` shows.
    public var sandbox: SandboxProvider? {
        providers.values.lazy.compactMap { $0 as? SandboxProvider }.sorted { $0.name < $1.name }.first
    }
}
