import Foundation
import LoaCore
@testable import LoaPostgres
import LoaStore
import LoaTestSupport
import PostgresNIO
import Testing

/// The hourly rollup itself (what the conformance suite cannot see): after seeded messages went
/// through every state change, `message_hours` holds exactly what counting `messages` gives.
@Suite("PostgreSQL statistics rollup", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason), .timeLimit(.minutes(5)))
struct PostgresRollupTests {
    @Test("message_hours equals the messages counted per hour, dimension, value and state")
    func rollupIsExact() async throws {
        try await PostgresPeer.withFreshStore { store in
            let start = Date(timeIntervalSince1970: 1_796_317_200)
            let seed = StatisticsSeed.make(count: 200, seed: 31, createdFrom: start, createdTo: start.addingTimeInterval(86_400))
            try await seed.apply(to: store, at: start.addingTimeInterval(2 * 86_400))
            let counted = try await store.read { connection in
                try await connection.rows("""
                    SELECT d.dimension, m.created_at / 3600000, d.value, m.state, COUNT(*)::bigint, SUM(m.segments)::bigint FROM messages m
                    CROSS JOIN LATERAL (VALUES ('all', ''), ('provider', coalesce(m.provider, '')), ('carrier', substr(m.recipient, 1, 5)),
                                               ('commune', m.commune), ('locale', m.locale), ('kind', m.kind)) AS d(dimension, value)
                    GROUP BY 1, 2, 3, 4
                    """, logger: PostgresPeer.logger).map(Self.cell)
            }
            let rolled = try await store.read { connection in
                try await connection.rows("""
                    SELECT dimension, hour, value, state, SUM(messages)::bigint, SUM(segments)::bigint FROM message_hours
                    GROUP BY 1, 2, 3, 4 HAVING SUM(messages) <> 0 OR SUM(segments) <> 0
                    """, logger: PostgresPeer.logger).map(Self.cell)
            }
            #expect(counted.count > 100)
            #expect(Set(rolled) == Set(counted))
        }
    }

    static func cell(_ row: PostgresRandomAccessRow) throws -> String {
        "\(try row[0].decode(String.self)) \(try row[1].decode(Int64.self)) \(try row[2].decode(String.self)) \(try row[3].decode(String.self)) \(try row[4].decode(Int64.self)) \(try row[5].decode(Int64.self))"
    }
}
