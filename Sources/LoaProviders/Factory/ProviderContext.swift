public import Foundation
public import Logging
public import ServiceLifecycle

/// What a blueprint may use to build its adapter: where files go and where reports and
/// inbound messages are handed.
public struct ProviderContext: Sendable {
    /// The gateway's SQLite database; providers that keep state of their own (the sandbox's
    /// scheduled reports, SMPP part maps) put their file beside it (see ``companionFile(provider:purpose:)``).
    public var databasePath: String
    /// Where delivery reports the adapter produces or receives go.
    public var receipts: any DeliveryReceiptSink
    /// Where mobile-originated messages the adapter receives go.
    public var inbound: any InboundSink
    public var logger: Logger

    /// Creates a context.
    public init(databasePath: String, receipts: any DeliveryReceiptSink, inbound: any InboundSink, logger: Logger) {
        self.databasePath = databasePath
        self.receipts = receipts
        self.inbound = inbound
        self.logger = logger
    }

    /// A file of the provider's own beside the database, kept across restarts:
    /// `./loa.sqlite` → `./loa.sqlite-<provider>-<purpose>.sqlite`.
    public func companionFile(provider: String, purpose: String) -> String {
        "\(databasePath)-\(provider)-\(purpose).sqlite"
    }
}

/// A built adapter and the services that must run for it to work.
public struct BuiltProvider: Sendable {
    public var provider: any SMSProvider
    /// Started and stopped with the gateway's worker (an SMPP session, the sandbox's reports).
    public var services: [any Service]

    /// Creates a built provider.
    public init(provider: any SMSProvider, services: [any Service] = []) {
        self.provider = provider
        self.services = services
    }
}
