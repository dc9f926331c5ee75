/// Which route a recipient's messages take: by carrier (from the number's prefix), else the
/// default route.
public struct RoutingTable: Sendable, Equatable {
    /// Routes of carriers that have their own.
    public var byCarrier: [Carrier: Route]
    /// The route of every other number (foreign numbers, carriers without a route).
    public var fallback: Route

    /// Creates a table.
    public init(byCarrier: [Carrier: Route] = [:], fallback: Route) {
        self.byCarrier = byCarrier
        self.fallback = fallback
    }

    /// One provider for everything: what `dispatch.provider` alone configures.
    public static func single(_ provider: String) -> RoutingTable {
        RoutingTable(fallback: Route([.init(provider: provider)]))
    }

    /// The route for `recipient`.
    public func route(for recipient: PhoneNumber) -> Route {
        recipient.carrier.flatMap { byCarrier[$0] } ?? fallback
    }

    /// Every provider some route names, each once, in the order first named.
    public var providers: [String] {
        var seen: Set<String> = []
        let routes = [fallback] + Carrier.allCases.compactMap { byCarrier[$0] }
        return routes.flatMap(\.entries).map(\.provider).filter { seen.insert($0).inserted }
    }
}
