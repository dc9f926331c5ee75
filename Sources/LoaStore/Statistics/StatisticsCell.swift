public import LoaCore

/// Messages counted together as a driver reads them: one stored key (see
/// ``StatisticsGrouping/storedKeyDescription``), one state.
public struct StatisticsCell: Sendable, Equatable {
    /// The group as stored: a provider name (empty before any attempt), the first five
    /// characters of the recipient's E.164 number, a commune, locale or kind, or the Vietnam
    /// day number (days since 1970-01-01 in Vietnam time) for days; empty for no grouping.
    public let key: String
    public let state: MessageState
    public let messages: Int
    public let segments: Int

    /// Creates a cell.
    public init(key: String, state: MessageState, messages: Int, segments: Int) {
        self.key = key
        self.state = state
        self.messages = messages
        self.segments = segments
    }
}

extension StatisticsGrouping {
    /// The key a report shows for a cell's stored key: carriers from prefixes, `none` for a
    /// message no provider has had, days as `yyyy-MM-dd`.
    public func reportKey(forStored key: String) -> String {
        switch self {
        case .provider: key.isEmpty ? "none" : key
        case .carrier: Carrier(e164Prefix: key)?.rawValue ?? "unknown"
        case .day: Int64(key).map(VietnamDay.label(ofDayNumber:)) ?? key
        case .commune, .locale, .kind: key
        }
    }
}

extension StatisticsReport {
    /// Adds up `cells` read for `query` (several cells may fall in one group: prefixes of one
    /// carrier, the rollup and the raw rows at the window's edges).
    public init(query: StatisticsQuery, cells: [StatisticsCell]) {
        var total = MessageTally()
        var groups: [String: MessageTally] = [:]
        for cell in cells where cell.messages != 0 {
            total.add(cell.state, messages: cell.messages, segments: cell.segments)
            if let grouping = query.groupBy {
                groups[grouping.reportKey(forStored: cell.key), default: MessageTally()]
                    .add(cell.state, messages: cell.messages, segments: cell.segments)
            }
        }
        let ordered = groups.filter { $0.value.total != 0 }.map { Group(key: $0.key, tally: $0.value) }
            .sorted { query.groupBy == .day || $0.tally.total == $1.tally.total ? $0.key < $1.key : $0.tally.total > $1.tally.total }
        self.init(query: query, total: total, groups: ordered)
    }
}
