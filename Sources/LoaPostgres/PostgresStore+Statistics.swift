public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

/// Statistics, message finding and kept secrets on PostgreSQL: the same figures as the embedded
/// driver's. Whole hours are read from the `message_hours` rollup (``PostgresStatisticsRollup``);
/// the part of an hour at either edge of a window, and anything limited to one commune
/// (officers), is counted from `messages` itself through its creation indexes.
extension PostgresStore {
    // MARK: MessageStatistics

    public func statistics(_ query: StatisticsQuery) async throws -> StatisticsReport {
        let hour: Int64 = 3_600_000
        let from = query.from.epochMilliseconds, to = max(query.to.epochMilliseconds, from)
        let raw = Self.statisticsKey(query.groupBy)
        let firstWholeHour = -((-from).floorHours), endWholeHour = to.floorHours
        let cells: [StatisticsCell]
        if query.commune != nil || firstWholeHour >= endWholeHour {
            cells = try await self.cells(key: raw, from: from, to: to, commune: query.commune)
        } else {
            let rollup = Self.rollupKey(query.groupBy)
            let before = try await self.cells(key: raw, from: from, to: firstWholeHour * hour, commune: nil)
            let whole = try await rollupCells(dimension: rollup.dimension, key: rollup.key, fromHour: firstWholeHour, toHour: endWholeHour)
            let after = try await self.cells(key: raw, from: endWholeHour * hour, to: to, commune: nil)
            cells = before + whole + after
        }
        return StatisticsReport(query: query, cells: cells)
    }

    public func hourlyCounts(from: Date, to: Date, commune: String?) async throws -> [HourlyCounts] {
        let hour: Int64 = 3_600_000
        let fromHour = from.epochMilliseconds.floorHours
        let toHour = max(-((-to.epochMilliseconds).floorHours), fromHour)
        let cells = commune == nil
            ? try await rollupCells(dimension: "all", key: "hour", fromHour: fromHour, toHour: toHour)
            : try await self.cells(key: "created_at / 3600000", from: fromHour * hour, to: toHour * hour, commune: commune)
        var tallies: [Int64: MessageTally] = [:]
        for cell in cells {
            guard let index = Int64(cell.key) else { continue }
            tallies[index, default: MessageTally()].add(cell.state, messages: cell.messages, segments: cell.segments)
        }
        return (fromHour..<toHour).map { HourlyCounts(hourStart: Date(epochMilliseconds: $0 * hour), tally: tallies[$0] ?? MessageTally()) }
    }

    /// The stored key of a breakdown, as SQL over `messages` (the embedded driver's expressions).
    private static func statisticsKey(_ grouping: StatisticsGrouping?) -> String {
        switch grouping {
        case nil: "''"
        case .provider: "coalesce(provider, '')"
        case .carrier: "substr(recipient, 1, 5)"
        case .commune: "commune"
        case .locale: "locale"
        case .kind: "kind"
        case .day: "(created_at / 3600000 + \(VietnamDay.offsetHours)) / 24"
        }
    }

    /// The rollup's dimension, and the key of a breakdown as SQL over `message_hours`.
    private static func rollupKey(_ grouping: StatisticsGrouping?) -> (dimension: String, key: String) {
        switch grouping {
        case nil: ("all", "''")
        case .day: ("all", "(hour + \(VietnamDay.offsetHours)) / 24")
        case .provider: ("provider", "value")
        case .carrier: ("carrier", "value")
        case .commune: ("commune", "value")
        case .locale: ("locale", "value")
        case .kind: ("kind", "value")
        }
    }

    private func rollupCells(dimension: String, key: String, fromHour: Int64, toHour: Int64) async throws -> [StatisticsCell] {
        guard fromHour < toHour else { return [] }
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT (\(unescaped: key))::text AS k, state, SUM(messages)::bigint, SUM(segments)::bigint FROM message_hours
                WHERE dimension = \(dimension) AND hour >= \(fromHour) AND hour < \(toHour)
                GROUP BY k, state
                """, logger: logger).compactMap(Self.cell)
        }
    }

    private func cells(key: String, from: Int64, to: Int64, commune: String?) async throws -> [StatisticsCell] {
        guard from < to else { return [] }
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT (\(unescaped: key))::text AS k, state, COUNT(*)::bigint, COALESCE(SUM(segments), 0)::bigint FROM messages
                WHERE created_at >= \(from) AND created_at < \(to) AND (\(commune)::text IS NULL OR commune = \(commune))
                GROUP BY k, state
                """, logger: logger).compactMap(Self.cell)
        }
    }

    /// One cell of a `(key, state, messages, segments)` row; nil for a state this version does not know.
    private static func cell(_ row: PostgresRandomAccessRow) throws -> StatisticsCell? {
        guard let state = MessageState(rawValue: try row[1].decode(String.self)) else { return nil }
        return StatisticsCell(
            key: try row[0].decode(String.self), state: state,
            messages: Int(try row[2].decode(Int64.self)), segments: Int(try row[3].decode(Int64.self)))
    }

    // MARK: MessageFinding

    public func messages(recipient: String, limit: Int) async throws -> [StoredMessage] {
        guard !recipient.isEmpty else { return [] }
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages
                WHERE recipient = \(recipient) AND recipient <> '' ORDER BY created_at DESC LIMIT \(limit)
                """, logger: logger).map(StoredMessage.init(postgresRow:))
        }
    }

    public func messages(in states: Set<MessageState>, createdSince: Date, limit: Int) async throws -> [StoredMessage] {
        guard !states.isEmpty else { return [] }
        let logger = logger
        let names = states.map(\.rawValue).sorted()
        let since = createdSince.epochMilliseconds
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages
                WHERE created_at >= \(since) AND state = ANY(\(names)) ORDER BY created_at DESC LIMIT \(limit)
                """, logger: logger).map(StoredMessage.init(postgresRow:))
        }
    }

    // MARK: SecretKeeping

    public func secret(named name: String, createdWith make: @Sendable () -> Data) async throws -> Data {
        let logger = logger
        let candidate = [UInt8](make())
        let now = Date().epochMilliseconds
        return try await write { connection in
            try await connection.query(
                "INSERT INTO secrets (name, value, created_at) VALUES (\(name), \(candidate), \(now)) ON CONFLICT (name) DO NOTHING",
                logger: logger)
            guard let value = try await connection.value("SELECT value FROM secrets WHERE name = \(name)", as: [UInt8].self, logger: logger) else {
                throw StoreCorruption("secret \(name) was not kept")
            }
            return Data(value)
        }
    }
}

extension Int64 {
    /// Whole hours since 1970 (milliseconds rounded down).
    fileprivate var floorHours: Int64 {
        let hours = self / 3_600_000
        return self % 3_600_000 != 0 && self < 0 ? hours - 1 : hours
    }
}
