import Foundation
import Hummingbird
import LoaCore
import LoaProviders
import LoaWorker

/// `GET /v1/providers` (operators): each provider's circuit, connection, load and recent
/// errors, and the routes that use them.
struct ProvidersController: Sendable {
    let pool: ProviderPool

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/providers") { _, context in
            _ = try context.require(.operator)
            return try APIJSON.response(ProvidersResponse(pool))
        }
    }

    struct ProvidersResponse: Encodable {
        let providers: [Provider]
        /// `default` and each carrier with a route of its own → its providers in failover order.
        let routes: [String: [RouteEntry]]

        init(_ pool: ProviderPool) {
            providers = pool.statuses().map(Provider.init)
            var routes = ["default": pool.routing.fallback.entries.map(RouteEntry.init)]
            for (carrier, route) in pool.routing.byCarrier {
                routes[carrier.rawValue] = route.entries.map(RouteEntry.init)
            }
            self.routes = routes
        }
    }

    struct Provider: Encodable {
        let name: String
        let type: String
        let circuit: String
        let link: Link?
        let inFlight: Int
        let recentSubmissions: Int
        let recentFailures: Int
        let recentErrorRate: Double
        let lastError: String?
        let lastErrorAt: Date?

        init(_ status: ProviderStatus) {
            name = status.name
            type = status.type
            circuit = status.circuit.rawValue
            link = status.link.map { Link(state: $0.state.rawValue, detail: $0.detail, since: $0.since) }
            inFlight = status.inFlight
            recentSubmissions = status.recentSubmissions
            recentFailures = status.recentFailures
            recentErrorRate = status.recentErrorRate
            lastError = status.lastError
            lastErrorAt = status.lastErrorAt
        }
    }

    struct Link: Encodable {
        let state: String
        let detail: String?
        let since: Date
    }

    struct RouteEntry: Encodable {
        let provider: String
        let weight: Int

        init(_ entry: Route.Entry) {
            provider = entry.provider
            weight = entry.weight
        }
    }
}
