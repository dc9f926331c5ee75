import Foundation
import GRDB

/// Seeds a migrated Loa SQLite file with `count` messages spread over the last `days` days, in
/// one SQL statement per table (a recursive series), through the real triggers that keep the
/// statistics rollup: more in office hours (7–17 Vietnam time) than at night, six communes,
/// twelve kinds, Vietnamese and Mông, two providers; most delivered, some undelivered, failed,
/// expired, unreported or cancelled, sent ones in the last two days, a small queue pending
/// (part of it held for quiet hours) and one attempt for each message handed to a provider
/// (one in a thousand in doubt).
enum MillionMessages {
    static let communes = ["na-u", "muong-nhe", "sin-thau", "tua-chua", "muong-phang", "muong-cha"]
    static let kinds = [
        "dossier_received", "supplement_required", "payment_required", "refused", "result_ready", "pickup_reminder",
        "dossier_delayed", "appointment_confirmed", "appointment_reminder", "appointment_rescheduled", "appointment_cancelled", "returned",
    ]

    /// Inserts the messages and attempts into `databasePath`; returns the seconds it took.
    static func seed(databasePath: String, count: Int, days: Int, now: Date) throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
        }
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        let start = ContinuousClock.now
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let spanMs = Int64(days) * 86_400_000
        func pick(_ values: [String], _ expression: String) -> String {
            "CASE (\(expression)) % \(values.count) " + values.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ") + " END"
        }
        try queue.write { db in
            // h: a well-mixed number per row; day and time of day from i, office hours weighted.
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
                rows AS (
                    SELECT i, (i * 2654435761) % 1000003 AS h,
                           ? - ? + (i * ?) / ? AS base
                    FROM n
                ),
                placed AS (
                    SELECT i, h,
                           -- two in three messages move into office hours (00:00-10:00 UTC = 07:00-17:00 Vietnam)
                           CASE WHEN h % 3 < 2 THEN base - (base % 86400000) + (base % 36000000) ELSE base END AS created
                    FROM rows
                )
                INSERT INTO messages (id, dossier_code, commune, kind, locale, priority, recipient, text, encoding, segments,
                                      state, attempts, provider, provider_message_id, last_error, created_at, updated_at,
                                      not_before, expires_at, event_source, event_id, waiting_for)
                SELECT printf('msg_bench%09d', i), printf('000.00.00.H15-%06d-%04d', i / 3 % 1000000, h % 10000),
                       \(pick(communes, "h / 7")), \(pick(kinds, "h / 11")), CASE WHEN h % 5 < 2 THEN 'hmn' ELSE 'vi' END, 1,
                       printf('+849%d%07d', h % 9, (i * 7919) % 10000000), 'Bench message', CASE WHEN h % 5 < 2 THEN 'GSM-7' ELSE 'UCS-2' END,
                       1 + h % 3,
                       state, CASE WHEN state IN ('pending', 'cancelled') THEN 0 ELSE 1 END,
                       CASE WHEN state IN ('pending', 'cancelled') THEN NULL WHEN h % 10 < 7 THEN 'sandbox' ELSE 'esms' END,
                       CASE WHEN state IN ('pending', 'cancelled', 'failed') THEN NULL ELSE printf('p%d', i) END,
                       CASE WHEN state IN ('failed', 'undelivered', 'expired') THEN 'bench failure' END,
                       created, created + 60000,
                       CASE WHEN state = 'pending' AND h % 2 = 0 THEN ? + 3600000 ELSE created END,
                       created + 172800000, 'bench', printf('e%d', i),
                       CASE WHEN state = 'pending' AND h % 2 = 0 THEN 'quietHours' END
                FROM (
                    SELECT i, h, created,
                           CASE
                               WHEN created > ? - 1800000 AND h % 50 = 0 THEN 'pending'
                               WHEN h % 1000 < 880 THEN CASE WHEN created > ? - 172800000 AND h % 8 = 0 THEN 'sent' ELSE 'delivered' END
                               WHEN h % 1000 < 920 THEN 'undelivered'
                               WHEN h % 1000 < 945 THEN 'failed'
                               WHEN h % 1000 < 955 THEN 'expired'
                               WHEN h % 1000 < 985 THEN 'unreported'
                               ELSE 'cancelled'
                           END AS state
                    FROM placed
                )
                """, arguments: [count, nowMs, spanMs, spanMs, count, nowMs, nowMs, nowMs])
            try db.execute(sql: """
                INSERT INTO attempts (message_id, number, provider, started_at, finished_at, outcome, provider_message_id, error)
                SELECT id, 1, provider, created_at + 1000, created_at + 1200,
                       CASE WHEN abs(created_at) % 1000 = 0 THEN 'in_doubt' WHEN state = 'failed' THEN 'permanent_failure' ELSE 'sent' END,
                       provider_message_id, last_error
                FROM messages WHERE state NOT IN ('pending', 'cancelled')
                """)
        }
        try queue.close()
        return (ContinuousClock.now - start).seconds
    }
}
