import Hummingbird

/// Which methods each registered path takes, to tell "no such path" (`404`) from "no such method
/// here" (`405` with `Allow`). Paths match as the router matches them: a literal segment before a
/// `:parameter`, so `/v1/messages/retry` is the retry path (POST), not message `retry` (GET).
struct RouteMethods: Sendable {
    private let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

    /// From the router's registered routes.
    init(_ routes: [Router<LoaRequestContext>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            byPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        self.routes = byPath.values.map { ($0.path, $0.methods.sorted { $0.rawValue < $1.rawValue }) }
    }

    /// The methods `path` takes, or nil when no registered path matches it.
    func allowed(forPath path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (rank: [Int], methods: [HTTPRequest.Method])?
        for route in routes where route.path.components.count == segments.count {
            guard zip(route.path.components, segments).allSatisfy({ $0 ~= $1 }) else { continue }
            // Literal segments outrank parameters, left to right, as in the router's trie.
            let rank = zip(route.path.components, segments).map { $0 == $1 ? 1 : 0 }
            if best.map({ $0.rank.lexicographicallyPrecedes(rank) }) ?? true {
                best = (rank, route.methods)
            }
        }
        return best?.methods
    }
}
