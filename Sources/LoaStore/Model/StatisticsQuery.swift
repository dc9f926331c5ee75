public import Foundation

/// Which messages statistics count: those created in `[from, to)`, optionally of one commune
/// only, broken down by `groupBy` when given.
public struct StatisticsQuery: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var groupBy: StatisticsGrouping?
    /// Only this commune's messages (an officer's); nil for every commune.
    public var commune: String?

    /// Creates a query; `from` must not be after `to`.
    public init(from: Date, to: Date, groupBy: StatisticsGrouping? = nil, commune: String? = nil) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.commune = commune
    }
}
