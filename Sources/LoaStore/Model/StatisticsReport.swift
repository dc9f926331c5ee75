public import Foundation

/// Statistics of the messages a ``StatisticsQuery`` selects: the whole, and each group when the
/// query breaks them down.
public struct StatisticsReport: Sendable, Equatable {
    /// One group of a breakdown: a provider, carrier, commune, locale, kind or day.
    public struct Group: Sendable, Equatable {
        /// The provider name (`none` before any attempt), carrier (`unknown` when it cannot be
        /// told), commune, locale, kind or day (`2026-12-05`, Vietnam time).
        public let key: String
        public let tally: MessageTally

        /// Creates a group.
        public init(key: String, tally: MessageTally) {
            self.key = key
            self.tally = tally
        }
    }

    public let query: StatisticsQuery
    /// Every message selected.
    public let total: MessageTally
    /// The breakdown, by key (days in order); empty without `groupBy`.
    public let groups: [Group]

    /// Creates a report.
    public init(query: StatisticsQuery, total: MessageTally, groups: [Group]) {
        self.query = query
        self.total = total
        self.groups = groups
    }
}
