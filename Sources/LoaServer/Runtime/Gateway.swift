import LoaSettings
import Foundation
public import Hummingbird
import HummingbirdCore
public import LoaConfig
public import LoaCore
public import LoaStore
public import LoaTemplates
public import LoaWorker
public import Logging
import ServiceLifecycle
import UnixSignals

/// One running Loa: the store, the catalogs, the providers, the dispatcher and the HTTP API,
/// built from a validated ``GatewayConfiguration``.
///
/// ```swift
/// let gateway = try await Gateway.prepare(configuration, logger: logger)   // migrates first
/// try await gateway.run()                                                   // until SIGTERM/SIGINT
/// ```
public struct Gateway: Sendable {
    public let configuration: GatewayConfiguration
    /// The store `database.url` names, migrated (``StoreFactory``).
    public let store: any Store
    /// The store with its lifecycle: closed by ``run()`` once the services stopped.
    let openStore: OpenStore
    public let catalog: TemplateCatalog
    public let reference: ReferenceData
    public let providers: ProviderRegistry
    /// Group commit for delivery receipts, shared by the receipt route and callback-free providers.
    public let receipts: GroupCommitter<DeliveryReceipt, ReceiptOutcome>
    /// Where every adapter hands what residents send (SMPP `deliver_sm`, the inbound route):
    /// stored through group commit before it is acknowledged.
    public let inbound: StoreInboundSink
    public let dispatcher: Dispatcher
    /// Answers residents' SMS keywords (a worker service; tests call it directly).
    public let responder: ResidentResponder
    /// Answers `POST /v1/ussd`.
    public let ussd: USSDResponder
    let logger: Logger
    /// HTTP/1.1 with the `server.*` limits, over TLS when `server.tls` is set.
    let httpServer: HTTPServerBuilder
    /// The dashboard's HTML templates, parsed once.
    let dashboardTemplates: DashboardTemplates
    /// This gateway's metrics registry (`GET /metrics`), never a process-wide one.
    public let metrics: GatewayMetrics
    /// The dossier watchers (`watchers.<name>`), run with the worker's services.
    let watchers: [DossierWatcher]

    /// Loads the catalogs, opens and migrates the store, and builds the providers; throws a
    /// ``ConfigurationError`` naming the file or key when anything is wrong.
    public static func prepare(_ configuration: GatewayConfiguration, logger: Logger) async throws -> Gateway {
        // TLS files first: a bad certificate should not wait for the store to open.
        let httpServer = try HTTPServerBuilder.loa(configuration.server, tls: configuration.server.tls.map(ServerTLS.configuration))
        let (catalog, reference) = try GatewayCatalogs.load(configuration)
        let openStore = try await StoreFactory.open(configuration.database, logger: logger)
        let store = openStore.store
        let receipts = GroupCommitter.receipts(into: store)
        let inbound = StoreInboundSink(messages: .inbound(into: store), logger: logger)
        let providers = try ProviderRegistry(
            configuration, receipts: StoreReceiptSink(receipts: receipts), inbound: inbound, logger: logger)
        let dispatch = configuration.dispatch
        let metrics = GatewayMetrics()
        let dispatcher = Dispatcher(
            outbox: store, providers: ProviderPool(registry: providers, configuration: configuration, metrics: metrics.factory),
            retry: configuration.retry, quietHours: configuration.quietHours,
            settings: DispatchSettings(
                batchSize: dispatch.batchSize, concurrency: dispatch.concurrency, leaseSeconds: dispatch.leaseSeconds,
                pollSeconds: dispatch.pollSeconds, shutdownGraceSeconds: dispatch.shutdownGraceSeconds,
                claimRules: ClaimRules(
                    inDoubt: dispatch.inDoubt,
                    maxInDoubt: dispatch.maxInDoubt,
                    recipientDailyCap: dispatch.recipientDailyCap.map { RecipientDailyCap(limit: $0, quietHours: configuration.quietHours) })),
            logger: logger,
            providerTemplateId: { kind, provider in catalog.definition(of: kind)?.providerTemplateIds[provider] })
        let words = try DossierStateWords.load(file: configuration.catalogs.dossierStatesFile)
        let lookups = ResidentLookups(burst: configuration.residents.lookupBurst, secondsPerLookup: configuration.residents.secondsPerLookup)
        let responder = ResidentResponder(
            store: store,
            composer: MessageComposer(catalog: catalog, routeEncodings: { configuration.encodingPolicies(for: $0) }, quietHours: configuration.quietHours),
            words: words, inbound: inbound.stored, dispatch: dispatcher.work, lookups: lookups, logger: logger)
        let ussd = USSDResponder(
            store: store, texts: try USSDTexts.load(file: configuration.catalogs.ussdFile), words: words, reference: reference, lookups: lookups)
        let watchers = try Gateway.watchers(configuration, catalog: catalog, reference: reference, store: store, work: dispatcher.work, logger: logger)
        return Gateway(
            configuration: configuration, store: store, openStore: openStore, catalog: catalog, reference: reference,
            providers: providers, receipts: receipts, inbound: inbound, dispatcher: dispatcher, responder: responder, ussd: ussd,
            logger: logger, httpServer: httpServer, dashboardTemplates: try DashboardTemplates(), metrics: metrics, watchers: watchers)
    }

    /// The worker's services: the providers' own (sandbox reports, SMPP sessions), the
    /// dispatcher (woken by other nodes' new messages when the store announces them), the
    /// resident responder and the janitor.
    var workerServices: [any Service] {
        let wakeUps: [any Service] = (store as? any NewMessageNotifications).map { [NewMessageListener(store: $0, work: dispatcher.work)] } ?? []
        return providers.services + wakeUps + [dispatcher, responder, Janitor(
            outbox: store, retention: store, audit: store, retentionPolicy: configuration.retention,
            reportTimeouts: configuration.reportTimeouts, logger: logger), heldMessageReleaser] + watchers
    }

    /// The HTTP application, with the worker's services attached unless `runsWorker` is false
    /// (tests that drive ``dispatcher`` themselves).
    public func application(runsWorker: Bool = true, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let keyring = DashboardKeyring(secrets: store)
        let rateLimit = RateLimitMiddleware(
            perKey: configuration.server.rateLimitPerKey, perAddress: configuration.server.rateLimitPerAddress,
            dashboardSessions: DashboardSessionKey(keyring: keyring, now: { Date() }))
        let router = LoaRouter.build(
            store: store,
            events: .ingest(into: store, planner: Gateway.eventPlanner(configuration, catalog: catalog, reference: reference), work: dispatcher.work),
            receipts: receipts, inbound: inbound,
            parser: Gateway.eventParser(configuration, reference: reference),
            providers: providers, pool: dispatcher.providers, quietHours: configuration.quietHours, maxBodyBytes: configuration.server.maxBodyBytes,
            rateLimit: rateLimit,
            appointments: AppointmentsController(
                store: store,
                validator: AppointmentValidator(reference: reference, allowForeignNumbers: configuration.allowForeignNumbers, now: { Date() }),
                planner: AppointmentPlanner(configuration: configuration, catalog: catalog, reference: reference, now: { Date() }),
                work: dispatcher.work, maxBodyBytes: configuration.server.maxBodyBytes, now: { Date() }),
            ussd: USSDController(
                aggregators: configuration.residents.ussdAggregators, responder: ussd, allowForeignNumbers: configuration.allowForeignNumbers),
            dashboard: DashboardController(
                store: store, pages: DashboardPages(templates: dashboardTemplates, store: store, pool: dispatcher.providers, texts: TextsInventory(catalog: catalog)),
                keyring: keyring, rateLimit: rateLimit, quietHours: configuration.quietHours,
                secureCookies: configuration.server.tls != nil, maxBodyBytes: configuration.server.maxBodyBytes, now: { Date() }),
            metrics: MetricsController(
                metrics: metrics,
                sampler: MetricsSampler(
                    registry: metrics.registry, store: store, pool: dispatcher.providers, kinds: catalog.kinds.map(\.rawValue),
                    locales: catalog.locales.map(\.rawValue), providers: configuration.providers.map(\.name)),
                access: configuration.metricsAccess))
        let server = configuration.server
        var application = Application(
            router: router, server: httpServer,
            configuration: .init(
                address: .hostname(server.host, port: server.port), serverName: "loa",
                availableConnectionsDelegate: MaximumAvailableConnections(server.maxConnections, logger: logger)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        if runsWorker {
            application.addServices(workerServices)
        }
        return application
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully and closes the store: the HTTP
    /// API with the worker's services (`loa serve`), without them (`worker: false`, `loa serve
    /// --no-worker`), or the worker's services alone (`http: false`, `loa worker`).
    public func run(http: Bool = true, worker: Bool = true) async throws {
        if worker, let warning = configuration.shortLeaseWarning {
            logger.warning("\(warning)")
        }
        // Held until this function returns: the worker's services stop before it does.
        let filesLock = worker ? try WorkerFilesLock(databasePath: configuration.database.path) : nil
        defer { withExtendedLifetime(filesLock) {} }
        guard http else {
            try await runWorkerOnly()
            return
        }
        let server = configuration.server
        if server.tls == nil, !server.isLoopback {
            logger.warning("serving plain HTTP on an address other machines can reach (server.allowPlainHTTP): keep a proxy that terminates TLS in front, or set server.tls", metadata: ["server.host": "\(server.host)"])
        }
        let application = application(runsWorker: worker) { port in
            logger.info("loa is listening", metadata: ["server.port": "\(port)", "server.scheme": "\(server.tls == nil ? "http" : "https")"])
        }
        do {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            await openStore.close()
            throw error
        }
        // Every service stopped: nothing writes any more.
        await openStore.close()
    }

    /// The worker's services without the HTTP server, until SIGTERM or SIGINT.
    private func runWorkerOnly() async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: workerServices.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("loa worker is running", metadata: ["database.url": "\(openStore.location)"])
        do {
            try await group.run()
        } catch {
            await openStore.close()
            throw error
        }
        await openStore.close()
    }
}
