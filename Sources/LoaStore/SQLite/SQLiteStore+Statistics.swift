public import Foundation
import GRDB
public import LoaCore

/// Statistics from the `message_hours` rollup (migration v13-statistics): triggers on
/// `messages` keep, per hour of creation and per dimension value, how many messages are in
/// each state and their segments. Whole hours are read from the rollup; the part of an hour at
/// either edge of a window, and anything limited to one commune (officers), is counted from
/// `messages` itself through its creation indexes.
extension SQLiteStore {
    static let millisecondsPerHour: Int64 = 3_600_000

    public func statistics(_ query: StatisticsQuery) async throws -> StatisticsReport {
        let from = query.from.epochMilliseconds, to = max(query.to.epochMilliseconds, from)
        let dimension = StatisticsDimension(query.groupBy)
        let cells = try await pool.read { db in
            if let commune = query.commune {
                return try Self.rawCells(db, dimension: dimension, from: from, to: to, commune: commune)
            }
            let firstWholeHour = Self.ceilingHour(from), endWholeHour = to.floorDivided(by: Self.millisecondsPerHour)
            guard firstWholeHour < endWholeHour else {
                return try Self.rawCells(db, dimension: dimension, from: from, to: to, commune: nil)
            }
            return try Self.rawCells(db, dimension: dimension, from: from, to: firstWholeHour * Self.millisecondsPerHour, commune: nil)
                + Self.rollupCells(db, dimension: dimension, fromHour: firstWholeHour, toHour: endWholeHour)
                + Self.rawCells(db, dimension: dimension, from: endWholeHour * Self.millisecondsPerHour, to: to, commune: nil)
        }
        return StatisticsReport(query: query, cells: cells)
    }

    public func hourlyCounts(from: Date, to: Date, commune: String?) async throws -> [HourlyCounts] {
        let fromHour = from.epochMilliseconds.floorDivided(by: Self.millisecondsPerHour)
        let toHour = max(Self.ceilingHour(to.epochMilliseconds), fromHour)
        let cells = try await pool.read { db in
            if let commune {
                return try Self.rawCells(
                    db, dimension: .hour, from: fromHour * Self.millisecondsPerHour, to: toHour * Self.millisecondsPerHour, commune: commune)
            }
            return try Self.rollupCells(db, dimension: .hour, fromHour: fromHour, toHour: toHour)
        }
        var tallies: [Int64: MessageTally] = [:]
        for cell in cells {
            guard let hour = Int64(cell.key) else { continue }
            tallies[hour, default: MessageTally()].add(cell.state, messages: cell.messages, segments: cell.segments)
        }
        return (fromHour..<toHour).map { hour in
            HourlyCounts(hourStart: Date(epochMilliseconds: hour * Self.millisecondsPerHour), tally: tallies[hour] ?? MessageTally())
        }
    }

    /// The first hour starting at or after `milliseconds`.
    private static func ceilingHour(_ milliseconds: Int64) -> Int64 {
        -(-milliseconds).floorDivided(by: millisecondsPerHour)
    }

    private static func rollupCells(_ db: Database, dimension: StatisticsDimension, fromHour: Int64, toHour: Int64) throws -> [StatisticsCell] {
        let key = dimension.rollupKey
        return try cells(db, sql: """
            SELECT \(key) AS k, state, SUM(messages), SUM(segments) FROM message_hours
            WHERE dimension = ? AND hour >= ? AND hour < ? GROUP BY k, state
            """, arguments: [dimension.rollupDimension, fromHour, toHour])
    }

    private static func rawCells(_ db: Database, dimension: StatisticsDimension, from: Int64, to: Int64, commune: String?) throws -> [StatisticsCell] {
        guard from < to else { return [] }
        var arguments: StatementArguments = [from, to]
        var filter = "created_at >= ? AND created_at < ?"
        if let commune {
            filter = "commune = ? AND " + filter
            arguments = [commune] + arguments
        }
        return try cells(db, sql: """
            SELECT \(dimension.rawKey) AS k, state, COUNT(*), SUM(segments) FROM messages
            WHERE \(filter) GROUP BY k, state
            """, arguments: arguments)
    }

    private static func cells(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StatisticsCell] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let state = MessageState(rawValue: row[1]) else { return nil }
            let key: DatabaseValue = row[0]
            let text = String.fromDatabaseValue(key) ?? Int64.fromDatabaseValue(key).map(String.init) ?? ""
            return StatisticsCell(key: text, state: state, messages: row[2], segments: row[3] ?? 0)
        }
    }
}

/// How one breakdown is read from the rollup and from raw rows.
enum StatisticsDimension {
    case all, hour, provider, carrier, commune, locale, kind, day

    init(_ grouping: StatisticsGrouping?) {
        switch grouping {
        case nil: self = .all
        case .provider: self = .provider
        case .carrier: self = .carrier
        case .commune: self = .commune
        case .locale: self = .locale
        case .kind: self = .kind
        case .day: self = .day
        }
    }

    /// The rollup's `dimension` column to read.
    var rollupDimension: String {
        switch self {
        case .all, .hour, .day: "all"
        case .provider: "provider"
        case .carrier: "carrier"
        case .commune: "commune"
        case .locale: "locale"
        case .kind: "kind"
        }
    }

    /// The key expression over `message_hours`.
    var rollupKey: String {
        switch self {
        case .all: "''"
        case .hour: "hour"
        case .day: "(hour + \(VietnamDay.offsetHours)) / 24"
        case .provider, .carrier, .commune, .locale, .kind: "value"
        }
    }

    /// The same key over `messages` (the expressions the rollup's triggers store).
    var rawKey: String {
        switch self {
        case .all: "''"
        case .hour: "created_at / 3600000"
        case .day: "(created_at / 3600000 + \(VietnamDay.offsetHours)) / 24"
        case .provider: "coalesce(provider, '')"
        case .carrier: "substr(recipient, 1, 5)"
        case .commune: "commune"
        case .locale: "locale"
        case .kind: "kind"
        }
    }
}
