import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// Statistics on seeded messages, checked against counts made here from what was seeded (not
/// from the store's own queries): whole hours (a driver's rollup), partial hours at a window's
/// edges and one commune (counted from messages), and a change after the messages were counted.
extension StoreConformance {
    static let statisticsCases: [StoreConformance] = [
        StoreConformance(name: "statistics equal the seeded messages for whole and partial hours, every breakdown, one commune", check: statisticsEqualSeeded),
        StoreConformance(name: "hour by hour counts and the statistics follow a state change made after counting", check: hourlyCountsFollowChanges),
    ]

    /// 2026-12-04T00:00+07:00.
    private static let statisticsStart = Date(timeIntervalSince1970: 1_796_317_200)

    /// Messages and segments per state for the seeded messages in `query`'s window, by the key `key` gives.
    private static func seededTally(
        _ seed: StatisticsSeed, _ query: StatisticsQuery, key: (StatisticsSeed.Seeded) -> String
    ) -> [String: [MessageState: (messages: Int, segments: Int)]] {
        var groups: [String: [MessageState: (messages: Int, segments: Int)]] = [:]
        for seeded in seed.messages where seeded.message.createdAt >= query.from && seeded.message.createdAt < query.to
            && (query.commune == nil || seeded.message.commune == query.commune) {
            let (count, segments) = groups[key(seeded), default: [:]][seeded.fate.state] ?? (0, 0)
            groups[key(seeded), default: [:]][seeded.fate.state] = (count + 1, segments + seeded.message.segments)
        }
        return groups
    }

    static func statisticsEqualSeeded(_ store: any Store) async throws {
        let start = statisticsStart, end = start.addingTimeInterval(2 * 86_400)
        let seed = StatisticsSeed.make(count: 240, seed: 21, createdFrom: start, createdTo: end)
        try await seed.apply(to: store, at: end)
        let windows: [(Date, Date, String)] = [
            (start, end, "whole days"),
            (start.addingTimeInterval(2233), end.addingTimeInterval(-660), "partial hours at both edges"),
            (start.addingTimeInterval(86_400 + 600), start.addingTimeInterval(86_400 + 3000), "inside one hour"),
        ]
        for (from, to, name) in windows {
            for commune in [nil, "muong-nhe"] as [String?] {
                for grouping in [nil, .provider, .commune, .locale, .kind] as [StatisticsGrouping?] {
                    let query = StatisticsQuery(from: from, to: to, groupBy: grouping, commune: commune)
                    let report = try await store.statistics(query)
                    let expected = seededTally(seed, query) { seeded in
                        switch grouping {
                        case .provider: seeded.provider ?? "none"
                        case .commune: seeded.message.commune
                        case .locale: seeded.message.locale.rawValue
                        case .kind: seeded.message.kind.rawValue
                        default: ""
                        }
                    }
                    let comment: Comment = "\(name) by \(grouping?.rawValue ?? "nothing") in \(commune ?? "every commune")"
                    for state in MessageState.allCases {
                        let messages = expected.values.reduce(0) { $0 + ($1[state]?.messages ?? 0) }
                        let segments = expected.values.reduce(0) { $0 + ($1[state]?.segments ?? 0) }
                        #expect(report.total.messages[state] ?? 0 == messages, "\(comment) total \(state)")
                        #expect(report.total.segments[state] ?? 0 == segments, "\(comment) segments \(state)")
                    }
                    guard grouping != nil else { continue }
                    #expect(Set(report.groups.map(\.key)) == Set(expected.keys), comment)
                    for group in report.groups {
                        for state in MessageState.allCases {
                            #expect(group.tally.messages[state] ?? 0 == expected[group.key]?[state]?.messages ?? 0, "\(comment) \(group.key) \(state)")
                        }
                    }
                }
            }
        }
    }

    static func hourlyCountsFollowChanges(_ store: any Store) async throws {
        let start = statisticsStart
        let seed = StatisticsSeed.make(count: 90, seed: 22, createdFrom: start, createdTo: start.addingTimeInterval(6 * 3600))
        let end = start.addingTimeInterval(86_400)
        try await seed.apply(to: store, at: end)
        for commune in [nil, "na-u"] as [String?] {
            let hours = try await store.hourlyCounts(from: start.addingTimeInterval(-3600 + 900), to: start.addingTimeInterval(8 * 3600 + 5), commune: commune)
            #expect(hours.count == 10)
            #expect(hours.first?.hourStart == start.addingTimeInterval(-3600))
            for hour in hours {
                let inHour = seed.messages.filter {
                    $0.message.createdAt >= hour.hourStart && $0.message.createdAt < hour.hourStart.addingTimeInterval(3600)
                        && (commune == nil || $0.message.commune == commune)
                }
                for state in MessageState.allCases {
                    #expect(hour.tally.messages[state] ?? 0 == inHour.filter { $0.fate.state == state }.count, "\(hour.hourStart) \(state)")
                }
            }
        }
        // A late delivery report moves a counted message from sent to delivered, in whole hours too.
        let window = StatisticsQuery(from: start, to: end)
        let before = try await store.statistics(window)
        let sent = try #require(seed.messages.first { $0.fate == .sent })
        _ = try await store.record([DeliveryReceipt(
            provider: sent.provider!, messageId: sent.message.id, providerMessageId: "pm-" + sent.message.id, status: .delivered,
            detail: "late", receivedAt: end)])
        let after = try await store.statistics(window)
        #expect(after.total.messages[.sent] ?? 0 == (before.total.messages[.sent] ?? 0) - 1)
        #expect(after.total.messages[.delivered] ?? 0 == (before.total.messages[.delivered] ?? 0) + 1)
        #expect(after.total.total == before.total.total)
        let hours = try await store.hourlyCounts(from: start, to: start.addingTimeInterval(6 * 3600), commune: nil)
        let sentCounted = hours.reduce(0) { $0 + ($1.tally.messages[.sent] ?? 0) }
        #expect(sentCounted == seed.messages.filter { $0.fate == .sent }.count - 1)
    }
}
