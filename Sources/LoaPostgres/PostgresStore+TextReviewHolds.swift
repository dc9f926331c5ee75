public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func releaseHeld(
        ids: [String], sending choice: HeldTextChoice, at date: Date, quietHours: QuietHours
    ) async throws -> [String: HeldReleaseOutcome] {
        let logger = logger
        return try await write { connection in
            var outcomes: [String: HeldReleaseOutcome] = [:]
            for id in ids {
                // Locked, so that a claim, a cancel or another release on another node waits.
                guard let row = try await connection.rows("""
                    SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages WHERE id = \(id) FOR UPDATE
                    """, logger: logger).first else {
                    outcomes[id] = .notFound
                    continue
                }
                let message = try StoredMessage(postgresRow: row)
                guard message.state == .pending, message.waitReason == .textReview,
                      let hold = try await PostgresStore.textReviewHold(messageId: id, connection, logger: logger) else {
                    outcomes[id] = .notHeld(state: message.state)
                    continue
                }
                try await PostgresStore.release(
                    message, hold: hold, replacingWith: choice == .vietnamese ? hold.alternative : nil, reviewed: false,
                    at: date, quietHours: quietHours, connection, logger: logger)
                outcomes[id] = .released
            }
            if outcomes.values.contains(.released) { try await PostgresStore.notifyNewMessages(connection, logger) }
            return outcomes
        }
    }

    public func sweepTextReviewHolds(approved: [ApprovedText], at date: Date, quietHours: QuietHours) async throws -> [String] {
        let logger = logger
        return try await write { connection in
            try await connection.query("""
                DELETE FROM text_review_holds h WHERE NOT EXISTS (
                    SELECT 1 FROM messages m WHERE m.id = h.message_id AND m.state = 'pending' AND m.waiting_for = 'textReview')
                """, logger: logger)
            var released: [String] = []
            for text in approved {
                let rows = try await connection.rows("""
                    SELECT \(unescaped: StoredMessage.postgresColumns(of: "m"))
                    FROM text_review_holds h JOIN messages m ON m.id = h.message_id
                    WHERE h.text_sha256 = \(text.sha256) AND m.kind = \(text.kind.rawValue)
                        AND m.unreviewed_locale = \(text.locale.rawValue) AND m.locale = \(text.locale.rawValue)
                    FOR UPDATE OF m
                    """, logger: logger)
                for row in rows {
                    let message = try StoredMessage(postgresRow: row)
                    guard message.state == .pending,
                          let hold = try await PostgresStore.textReviewHold(messageId: message.id, connection, logger: logger) else { continue }
                    try await PostgresStore.release(
                        message, hold: hold, replacingWith: nil, reviewed: true, at: date, quietHours: quietHours, connection, logger: logger)
                    released.append(message.id)
                }
            }
            if !released.isEmpty { try await PostgresStore.notifyNewMessages(connection, logger) }
            return released
        }
    }

    public func textReviewHold(messageId: String) async throws -> TextReviewHold? {
        let logger = logger
        return try await read { connection in
            try await PostgresStore.textReviewHold(messageId: messageId, connection, logger: logger)
        }
    }

    private static func textReviewHold(messageId: String, _ connection: PostgresSession, logger: Logger) async throws -> TextReviewHold? {
        try await connection.rows("""
            SELECT \(unescaped: TextReviewHold.postgresColumns) FROM text_review_holds WHERE message_id = \(messageId)
            """, logger: logger).first.map(TextReviewHold.init(postgresRow:))
    }

    /// Makes a held message pending and due again (``HeldMessageRelease``), with `replacement`'s
    /// text when given, unmarked when `reviewed`; its hold is dropped.
    private static func release(
        _ message: StoredMessage, hold: TextReviewHold, replacingWith replacement: TextReviewHold.AlternativeText?,
        reviewed: Bool, at date: Date, quietHours: QuietHours, _ connection: PostgresSession, logger: Logger
    ) async throws {
        let release = HeldMessageRelease(
            dueAt: hold.dueAt.timeIntervalSince1970, releasedAt: date.timeIntervalSince1970, priority: message.priority, quietHours: quietHours)
        let notBefore = Int64((release.notBefore * 1000).rounded())
        let locale = (replacement?.locale ?? message.locale).rawValue
        let text = replacement?.text ?? message.text
        let encoding = (replacement?.encoding ?? message.encoding).rawValue
        let segments = replacement?.segments ?? message.segments
        let unreviewed = reviewed ? nil : message.unreviewedLocale?.rawValue
        try await connection.query("""
            UPDATE messages
            SET not_before = \(notBefore), waiting_for = \(release.waitReason?.rawValue), updated_at = \(date.epochMilliseconds),
                locale = \(locale), text = \(text), encoding = \(encoding), segments = \(segments), unreviewed_locale = \(unreviewed)
            WHERE id = \(message.id) AND state = 'pending'
            """, logger: logger)
        try await connection.query("DELETE FROM text_review_holds WHERE message_id = \(message.id)", logger: logger)
    }
}
