import Foundation
import Hummingbird
import HummingbirdCore
import LoaCore
import LoaStore

/// `GET /v1/stats?from=&to=&groupBy=` (operators, admins; officers see their commune's only):
/// messages created in `[from, to)` by state, delivery rate and segments sent, optionally
/// broken down, with the last 24 hours hour by hour.
struct StatsController: Sendable {
    let statistics: any MessageStatistics
    let now: @Sendable () -> Date

    /// The longest window one request may count.
    static let maxWindow: TimeInterval = 366 * 86_400
    static let parameters: Set<String> = ["from", "to", "groupBy"]

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/stats") { request, context in
            let key = try context.require(.officer, .operator)
            let commune = key.role == .officer ? key.commune ?? "" : nil
            var query = try Self.query(request.uri.queryParameters, now: now())
            query.commune = commune
            let report = try await statistics.statistics(query)
            let end = now()
            let hours = try await statistics.hourlyCounts(from: end.addingTimeInterval(-23 * 3600), to: end, commune: commune)
            return try APIJSON.response(StatsResponse(report, lastHours: hours))
        }
    }

    /// Reads and checks the query parameters: `to` defaults to now and `from` to 24 hours before `to`.
    static func query(_ parameters: FlatDictionary<Substring, Substring>, now: Date) throws -> StatisticsQuery {
        if let unknown = parameters.first(where: { !Self.parameters.contains(String($0.key)) })?.key {
            throw APIError.invalid(String(unknown), "statistics take only from, to and groupBy", code: "unknown_parameter")
        }
        let to = try instant(parameters, "to") ?? now
        let from = try instant(parameters, "from") ?? to.addingTimeInterval(-86_400)
        guard from <= to else { throw APIError.invalid("from", "from must not be after to") }
        guard to.timeIntervalSince(from) <= maxWindow else {
            throw APIError.invalid("to", "one request counts at most 366 days; ask for a shorter window")
        }
        var groupBy: StatisticsGrouping?
        if let text = parameters["groupBy"].map(String.init) {
            guard let grouping = StatisticsGrouping(rawValue: text) else {
                throw APIError.invalid(
                    "groupBy", "groupBy is one of \(StatisticsGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            groupBy = grouping
        }
        return StatisticsQuery(from: from, to: to, groupBy: groupBy)
    }

    private static func instant(_ parameters: FlatDictionary<Substring, Substring>, _ name: String) throws -> Date? {
        guard let text = parameters[Substring(name)].map(String.init) else { return nil }
        guard let date = RFC3339.instant(text) else {
            let hint = RFC3339.lacksOffset(text) ? "; add the offset, e.g. \(text)+07:00" : ""
            throw APIError.invalid(name, "\(name) must be an RFC 3339 date and time such as 2026-12-05T00:00:00+07:00\(hint)")
        }
        return date
    }

    struct StatsResponse: Encodable {
        let from: Date
        let to: Date
        let groupBy: String?
        /// The commune counted, for an officer; nil when every commune is.
        let commune: String?
        let total: TallyView
        let groups: [GroupView]
        /// The 24 hours up to now, each with the messages created in it.
        let lastHours: [HourView]

        init(_ report: StatisticsReport, lastHours hours: [HourlyCounts]) {
            from = report.query.from
            to = report.query.to
            groupBy = report.query.groupBy?.rawValue
            commune = report.query.commune
            total = TallyView(report.total)
            groups = report.groups.map { GroupView(key: $0.key, tally: TallyView($0.tally)) }
            lastHours = hours.map(HourView.init)
        }
    }

    struct GroupView: Encodable {
        let key: String
        let tally: TallyView

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try tally.encode(to: encoder)
        }

        enum CodingKeys: String, CodingKey { case key }
    }

    struct TallyView: Encodable {
        let messages: Int
        /// Every state, zero included.
        let byState: [String: Int]
        let segments: Int
        let segmentsSent: Int
        let submitted: Int
        let failed: Int
        /// Delivered over settled (delivered, undelivered, failed, expired, unreported); null while none is settled.
        let deliveryRate: Double?

        init(_ tally: MessageTally) {
            messages = tally.total
            byState = Dictionary(uniqueKeysWithValues: MessageState.allCases.map { ($0.rawValue, tally.messages[$0] ?? 0) })
            segments = tally.segments.values.reduce(0, +)
            segmentsSent = tally.segmentsSent
            submitted = tally.submitted
            failed = tally.failed
            deliveryRate = tally.deliveryRate
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(messages, forKey: .messages)
            try container.encode(byState, forKey: .byState)
            try container.encode(segments, forKey: .segments)
            try container.encode(segmentsSent, forKey: .segmentsSent)
            try container.encode(submitted, forKey: .submitted)
            try container.encode(failed, forKey: .failed)
            try container.encode(deliveryRate, forKey: .deliveryRate)
        }

        enum CodingKeys: String, CodingKey { case messages, byState, segments, segmentsSent, submitted, failed, deliveryRate }
    }

    struct HourView: Encodable {
        let hourStart: Date
        let created: Int
        let submitted: Int
        let delivered: Int
        let failed: Int

        init(_ hour: HourlyCounts) {
            hourStart = hour.hourStart
            created = hour.tally.total
            submitted = hour.tally.submitted
            delivered = hour.tally.messages[.delivered] ?? 0
            failed = hour.tally.failed
        }
    }
}
