public import LoaSettings
public import LoaConfig
public import LoaProviders
public import Logging
public import ServiceLifecycle

/// The providers named in configuration, built once, looked up by name.
///
/// Callers never branch on which adapter they hold: they ask for ``provider(named:)``,
/// ``receiptParser(named:)``, ``inboundParser(named:)`` or the ``sandbox`` for its log.
public struct ProviderRegistry: Sendable {
    /// Every provider by name.
    public let providers: [String: any SMSProvider]
    /// Each provider's type, by name.
    public let types: [String: String]
    /// Services the providers need running (the sandbox's reports, SMPP sessions).
    public let services: [any Service]

    /// Builds every provider `configuration` names; receipts they produce go to `receipts`,
    /// messages residents send go to `inbound`.
    public init(
        _ configuration: GatewayConfiguration, receipts: any DeliveryReceiptSink, inbound: any InboundSink, logger: Logger
    ) throws(ConfigurationError) {
        let context = ProviderContext(
            databasePath: configuration.database.path, receipts: receipts, inbound: inbound, logger: logger)
        var providers: [String: any SMSProvider] = [:]
        var types: [String: String] = [:]
        var services: [any Service] = []
        for configured in configuration.providers {
            let built = try configured.blueprint.build(context)
            providers[configured.name] = built.provider
            types[configured.name] = configured.type
            services += built.services
        }
        self.providers = providers
        self.types = types
        self.services = services
    }

    /// The provider called `name`.
    public func provider(named name: String) -> (any SMSProvider)? { providers[name] }

    /// The provider called `name`, if it takes receipt callbacks.
    public func receiptParser(named name: String) -> (any ReceiptCallbackParsing)? {
        providers[name] as? any ReceiptCallbackParsing
    }

    /// The provider called `name`, if it is configured to take inbound (mobile-originated)
    /// messages over HTTP.
    public func inboundParser(named name: String) -> (any InboundCallbackParsing)? {
        (providers[name] as? any InboundCallbackParsing).flatMap { $0.takesInboundCallbacks ? $0 : nil }
    }

    /// The first sandbox provider, whose log `GET /v1/sandbox/messages` shows.
    public var sandbox: SandboxProvider? {
        providers.values.lazy.compactMap { $0 as? SandboxProvider }.sorted { $0.name < $1.name }.first
    }
}
