public import Foundation

/// Counting messages for operators: the figures of `GET /v1/stats` and the dashboard.
///
/// A message counts once, in the hour it was created, under its current state; `to` is
/// exclusive. Drivers keep these cheap on millions of messages (the SQLite driver keeps an
/// hourly rollup up to date by triggers and reads raw rows only at the window's edges).
///
/// ```swift
/// let week = try await store.statistics(StatisticsQuery(from: weekAgo, to: now, groupBy: .carrier))
/// week.total.deliveryRate
/// ```
public protocol MessageStatistics: Sendable {
    /// Messages created in `[query.from, query.to)` (of `query.commune` when set), by state,
    /// and broken down by `query.groupBy`.
    func statistics(_ query: StatisticsQuery) async throws -> StatisticsReport

    /// For each hour starting in `[from, to)` (`from` rounded down to an hour), the messages
    /// created in it by current state; hours with none included, in order.
    func hourlyCounts(from: Date, to: Date, commune: String?) async throws -> [HourlyCounts]
}
