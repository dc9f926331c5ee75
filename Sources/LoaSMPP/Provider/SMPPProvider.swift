public import Foundation
public import LoaCore
public import LoaProviders
public import Logging
public import ServiceLifecycle

/// Sends through an SMSC over SMPP 3.4 (`type: smpp`) and receives its delivery receipts and
/// mobile-originated messages on the same bind.
///
/// Run it as a `Service`: ``run()`` keeps the session bound (reconnecting with backoff) until
/// graceful shutdown, when it unbinds. ``link`` says how the bind stands, for operators.
///
/// ```swift
/// let ledger = try SMPPPartLedger(path: "loa.sqlite-smsc-parts.sqlite")
/// let smpp = SMPPProvider(name: "smsc", settings: settings, ledger: ledger, receipts: sink, inbound: inbox, logger: logger)
/// serviceGroup = ServiceGroup(services: [smpp, …])
/// let id = try await smpp.submit(request)
/// ```
public final class SMPPProvider: SMSProvider, ProviderLinkReporting, Service {
    public let name: String
    private let session: SMPPSession

    /// Creates the adapter; nothing connects until ``run()``.
    public init(
        name: String, settings: SMPPSettings, ledger: SMPPPartLedger, receipts: any DeliveryReceiptSink,
        inbound: any InboundSink, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        session = SMPPSession(providerName: name, settings: settings, ledger: ledger, receipts: receipts,
                              inbound: inbound, logger: logger, now: now)
    }

    public func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
        try await session.submit(request)
    }

    /// How the bind stands: connecting, bound, bind refused (with the SMSC's status), disconnected (with why).
    public var link: ProviderLink { session.link }

    /// Keeps the session bound until graceful shutdown.
    public func run() async throws {
        await session.run()
    }
}
