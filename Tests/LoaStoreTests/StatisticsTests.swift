import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// Statistics on a seeded database, checked against counts the test makes itself from what it
/// seeded (not from the store's queries).
@Suite("Message statistics")
struct StatisticsTests {
    /// 2026-12-04T00:00+07:00: seeded messages are created over the three Vietnam days from it.
    static let start = Date(timeIntervalSince1970: 1_796_317_200)
    static let end = start.addingTimeInterval(3 * 86_400)

    /// The carrier of each seeded prefix, written out by hand.
    static let carriers = ["+8498": "viettel", "+8491": "vinaphone", "+8470": "mobifone", "+4479": "unknown"]

    static func vietnamDay(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: instant)
    }

    static func key(_ seeded: StatisticsSeed.Seeded, _ grouping: StatisticsGrouping?) -> String {
        let message = seeded.message
        switch grouping {
        case nil: return ""
        case .provider: return seeded.provider ?? "none"
        case .carrier: return carriers[String(message.recipient.prefix(5))]!
        case .commune: return message.commune
        case .locale: return message.locale.rawValue
        case .kind: return message.kind.rawValue
        case .day: return vietnamDay(message.createdAt)
        }
    }

    /// What the report should say: messages and segments per group and state.
    static func expected(_ seed: StatisticsSeed, _ query: StatisticsQuery) -> [String: [MessageState: (Int, Int)]] {
        var groups: [String: [MessageState: (Int, Int)]] = [:]
        for seeded in seed.messages where seeded.message.createdAt >= query.from && seeded.message.createdAt < query.to
            && (query.commune == nil || seeded.message.commune == query.commune) {
            let (count, segments) = groups[key(seeded, query.groupBy), default: [:]][seeded.fate.state] ?? (0, 0)
            groups[key(seeded, query.groupBy), default: [:]][seeded.fate.state] = (count + 1, segments + seeded.message.segments)
        }
        return groups
    }

    static func check(_ report: StatisticsReport, against expected: [String: [MessageState: (Int, Int)]], _ comment: Comment) {
        let all = expected.values.reduce(into: [MessageState: (Int, Int)]()) { total, group in
            for (state, (count, segments)) in group {
                let (c, s) = total[state] ?? (0, 0)
                total[state] = (c + count, s + segments)
            }
        }
        for state in MessageState.allCases {
            #expect(report.total.messages[state] ?? 0 == all[state]?.0 ?? 0, "\(comment) total \(state)")
            #expect(report.total.segments[state] ?? 0 == all[state]?.1 ?? 0, "\(comment) segments \(state)")
        }
        let delivered = all[.delivered]?.0 ?? 0
        let settled = [MessageState.delivered, .undelivered, .failed, .expired, .unreported].reduce(0) { $0 + (all[$1]?.0 ?? 0) }
        #expect(report.total.deliveryRate == (settled == 0 ? nil : Double(delivered) / Double(settled)), comment)
        let sentSegments = [MessageState.sent, .delivered, .undelivered, .unreported].reduce(0) { $0 + (all[$1]?.1 ?? 0) }
        #expect(report.total.segmentsSent == sentSegments, comment)
        guard report.query.groupBy != nil else { return }
        #expect(Set(report.groups.map(\.key)) == Set(expected.keys), comment)
        for group in report.groups {
            for state in MessageState.allCases {
                #expect(group.tally.messages[state] ?? 0 == expected[group.key]?[state]?.0 ?? 0, "\(comment) \(group.key) \(state)")
                #expect(group.tally.segments[state] ?? 0 == expected[group.key]?[state]?.1 ?? 0, "\(comment) \(group.key) segments \(state)")
            }
        }
    }

    @Test("counts by state, delivery rate, segments and every breakdown equal the seeded messages, for whole and partial hours and one commune")
    func seededCounts() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let seed = StatisticsSeed.make(count: 600, seed: SeededGenerator.seed(default: 14), createdFrom: Self.start, createdTo: Self.end)
        try await seed.apply(to: store, at: Self.end)
        for seeded in seed.messages.prefix(50) {
            #expect(try await store.message(id: seeded.message.id)?.state == seeded.fate.state)
        }
        let windows: [(Date, Date, String)] = [
            (Self.start, Self.end, "whole days"),
            (Self.start.addingTimeInterval(2233), Self.end.addingTimeInterval(-660), "partial hours at both edges"),
            (Self.start.addingTimeInterval(86_400 + 600), Self.start.addingTimeInterval(86_400 + 3000), "inside one hour"),
            (Self.start.addingTimeInterval(-86_400), Self.start, "before anything"),
        ]
        for (from, to, name) in windows {
            for grouping in [nil] + StatisticsGrouping.allCases {
                for commune in [nil, "muong-nhe"] as [String?] {
                    let query = StatisticsQuery(from: from, to: to, groupBy: grouping, commune: commune)
                    let report = try await store.statistics(query)
                    Self.check(report, against: Self.expected(seed, query), "\(name) by \(grouping?.rawValue ?? "nothing") in \(commune ?? "every commune")")
                }
            }
        }
    }

    @Test("hour by hour: each hour's messages by state, empty hours included, for every commune and one")
    func hourly() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let seed = StatisticsSeed.make(count: 300, seed: SeededGenerator.seed(default: 15), createdFrom: Self.start, createdTo: Self.start.addingTimeInterval(12 * 3600))
        try await seed.apply(to: store, at: Self.end)
        let from = Self.start.addingTimeInterval(-2 * 3600 + 900)
        for commune in [nil, "na-u"] as [String?] {
            let hours = try await store.hourlyCounts(from: from, to: Self.start.addingTimeInterval(20 * 3600 + 5), commune: commune)
            #expect(hours.count == 23)
            #expect(hours.first?.hourStart == Self.start.addingTimeInterval(-2 * 3600))
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
    }

    @Test("the rollup follows a state change made after the messages were counted (a late receipt)")
    func rollupFollowsChanges() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let seed = StatisticsSeed.make(count: 60, seed: 16, createdFrom: Self.start, createdTo: Self.start.addingTimeInterval(3600 * 5))
        try await seed.apply(to: store, at: Self.end)
        let window = StatisticsQuery(from: Self.start, to: Self.end)
        let before = try await store.statistics(window)
        let sent = try #require(seed.messages.first { $0.fate == .sent })
        try await store.record([DeliveryReceipt(
            provider: sent.provider!, messageId: sent.message.id, providerMessageId: "pm-" + sent.message.id, status: .delivered,
            detail: "late", receivedAt: Self.end)])
        let after = try await store.statistics(window)
        #expect(after.total.messages[.sent] ?? 0 == (before.total.messages[.sent] ?? 0) - 1)
        #expect(after.total.messages[.delivered] ?? 0 == (before.total.messages[.delivered] ?? 0) + 1)
        #expect(after.total.total == before.total.total)
    }
}
