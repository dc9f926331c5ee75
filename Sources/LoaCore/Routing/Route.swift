/// The providers one group of recipients is sent through, in failover order, with weights that
/// share first attempts among them.
///
/// ```swift
/// let route = Route([.init(provider: "viettel-smpp", weight: 3), .init(provider: "esms", weight: 1)])
/// route.candidates(draw: 0.9, failedOn: nil, isAvailable: { _ in true })   // ["esms", "viettel-smpp"]
/// route.candidates(draw: 0.1, failedOn: "viettel-smpp", isAvailable: { _ in true })   // ["esms", "viettel-smpp"]
/// ```
public struct Route: Sendable, Equatable {
    /// One provider of a route.
    public struct Entry: Sendable, Equatable {
        /// The provider's name in configuration.
        public var provider: String
        /// Its share of first attempts relative to the route's other entries (at least 1).
        public var weight: Int

        /// Creates an entry.
        public init(provider: String, weight: Int = 1) {
            self.provider = provider
            self.weight = max(1, weight)
        }
    }

    /// The entries in failover order.
    public let entries: [Entry]

    /// Creates a route; entries keep their order.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The providers to try for one attempt, best first.
    ///
    /// - A first attempt (`failedOn` nil) goes to a provider drawn by weight among the available
    ///   ones (`draw` in 0..<1), the others following in route order.
    /// - After a transient failure on `failedOn`, the providers after it in route order come
    ///   first (wrapping round) and `failedOn` last: the message fails over.
    /// - Unavailable providers (circuit open) are left out; an empty answer means nothing can
    ///   take the message now.
    public func candidates(draw: Double, failedOn: String?, isAvailable: (String) -> Bool) -> [String] {
        let available = entries.filter { isAvailable($0.provider) }
        guard !available.isEmpty else { return [] }
        if let failedOn, let index = available.firstIndex(where: { $0.provider == failedOn }) {
            let rotated = available[(index + 1)...] + available[...index]
            return rotated.map(\.provider)
        }
        let total = available.reduce(0) { $0 + $1.weight }
        var point = Int((min(max(draw, 0), 0.999_999_999) * Double(total)).rounded(.down))
        var first = 0
        for (index, entry) in available.enumerated() {
            if point < entry.weight {
                first = index
                break
            }
            point -= entry.weight
        }
        return [available[first].provider] + available.enumerated().filter { $0.offset != first }.map(\.element.provider)
    }
}
