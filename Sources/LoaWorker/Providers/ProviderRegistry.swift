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

    /// Builds every configured provider; receipts they produce go to `sink`.
    public init(_ configured: [GatewayConfiguration.Provider], sink: any DeliveryReceiptSink) throws(ConfigurationError) {
        var providers: [String: any SMSProvider] = [:]
        var services: [any Service] = []
        for provider in configured {
            switch provider {
            case .sandbox(let name, let settings):
                let sandbox = SandboxProvider(name: name, settings: settings, sink: sink)
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
