import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import LoaStore
import LoaWorker

/// The API's routes and middleware, in one place.
enum LoaRouter {
    static func build(
        store: any Store, events: GroupCommitter<DossierEvent, IngestOutcome>,
        receipts: GroupCommitter<DeliveryReceipt, ReceiptOutcome>, inbound: any InboundSink, parser: DossierEventParser,
        providers: ProviderRegistry,
        pool: ProviderPool, quietHours: QuietHours, maxBodyBytes: Int, rateLimit: RateLimitMiddleware,
        appointments: AppointmentsController, ussd: USSDController, dashboard: DashboardController,
        metrics: MetricsController
    ) -> Router<LoaRequestContext> {
        let router = Router(context: LoaRequestContext.self)
        // Outermost, so that it times every request and sees the status ErrorMiddleware renders.
        router.add(middleware: HTTPMetricsMiddleware(factory: metrics.metrics.factory))
        router.add(middleware: ErrorMiddleware())
        router.get("/health") { _, _ in
            try APIJSON.response(["status": "ok"])
        }
        // Provider callbacks authenticate by their own signature, not an API key.
        ReceiptsController(providers: providers, receipts: receipts).addRoutes(to: router)
        InboundController(providers: providers, sink: inbound).addRoutes(to: router)
        // USSD aggregators prove who they are per aggregator (secret header or address).
        ussd.addRoutes(to: router)
        router.add(middleware: AuthenticationMiddleware(keys: store, rateLimit: rateLimit))
        router.add(middleware: rateLimit)
        IngestController(events: events, parser: parser, maxBodyBytes: maxBodyBytes)
            .addRoutes(to: router)
        MessagesController(messages: store).addRoutes(to: router)
        appointments.addRoutes(to: router)
        let audit = AuditRecorder(trail: store)
        MessageActionsController(actions: store, audit: audit, quietHours: quietHours, maxBodyBytes: maxBodyBytes).addRoutes(to: router)
        HeldMessagesController(store: store, audit: audit, quietHours: quietHours, maxBodyBytes: maxBodyBytes).addRoutes(to: router)
        AuditController(trail: store).addRoutes(to: router)
        StatusController(status: store).addRoutes(to: router)
        ProvidersController(pool: pool).addRoutes(to: router)
        StatsController(statistics: store, now: { Date() }).addRoutes(to: router)
        dashboard.addRoutes(to: router)
        metrics.addRoutes(to: router)
        SandboxController(providers: providers).addRoutes(to: router)
        // Last, so that it wraps only the not-found responder, with every route known.
        router.add(middleware: MethodNotAllowedMiddleware(routes: RouteMethods(router.routes)))
        return router
    }
}
