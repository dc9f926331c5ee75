public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func releaseHeld(
        ids: [String], sending choice: HeldTextChoice, at date: Date, quietHours: QuietHours
    ) async throws -> [String: HeldReleaseOutcome] {
        try await write { db in
            var outcomes: [String: HeldReleaseOutcome] = [:]
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT \(StoredMessage.columns) FROM messages WHERE id = ?", arguments: [id]) else {
                    outcomes[id] = .notFound
                    continue
                }
                let message = try StoredMessage(row: row)
                guard message.state == .pending, message.waitReason == .textReview,
                      let hold = try SQLiteStore.textReviewHold(messageId: id, db) else {
                    outcomes[id] = .notHeld(state: message.state)
                    continue
                }
                let text = choice == .vietnamese ? hold.alternative : nil
                try SQLiteStore.release(message, hold: hold, replacingWith: text, reviewed: false, at: date, quietHours: quietHours, db)
                outcomes[id] = .released
            }
            return outcomes
        }
    }

    public func sweepTextReviewHolds(approved: [ApprovedText], at date: Date, quietHours: QuietHours) async throws -> [String] {
        try await write { db in
            try db.execute(sql: """
                DELETE FROM text_review_holds WHERE NOT EXISTS (
                    SELECT 1 FROM messages m WHERE m.id = message_id AND m.state = 'pending' AND m.waiting_for = 'textReview')
                """)
            var released: [String] = []
            for text in approved {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(StoredMessage.columns.split(separator: ",").map { "m." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
                    FROM text_review_holds h JOIN messages m ON m.id = h.message_id
                    WHERE h.text_sha256 = ? AND m.kind = ? AND m.unreviewed_locale = ? AND m.locale = ?
                    """, arguments: [text.sha256, text.kind.rawValue, text.locale.rawValue, text.locale.rawValue])
                for row in rows {
                    let message = try StoredMessage(row: row)
                    guard let hold = try SQLiteStore.textReviewHold(messageId: message.id, db) else { continue }
                    try SQLiteStore.release(message, hold: hold, replacingWith: nil, reviewed: true, at: date, quietHours: quietHours, db)
                    released.append(message.id)
                }
            }
            return released
        }
    }

    public func textReviewHold(messageId: String) async throws -> TextReviewHold? {
        try await pool.read { db in try SQLiteStore.textReviewHold(messageId: messageId, db) }
    }

    private static func textReviewHold(messageId: String, _ db: Database) throws -> TextReviewHold? {
        try Row.fetchOne(db, sql: "SELECT \(TextReviewHold.columns) FROM text_review_holds WHERE message_id = ?", arguments: [messageId])
            .map(TextReviewHold.init(row:))
    }

    /// Makes a held message pending and due again (``HeldMessageRelease``), with `replacement`'s
    /// text when given, unmarked when `reviewed`; its hold is dropped.
    private static func release(
        _ message: StoredMessage, hold: TextReviewHold, replacingWith replacement: TextReviewHold.AlternativeText?,
        reviewed: Bool, at date: Date, quietHours: QuietHours, _ db: Database
    ) throws {
        let release = HeldMessageRelease(
            dueAt: hold.dueAt.timeIntervalSince1970, releasedAt: date.timeIntervalSince1970, priority: message.priority, quietHours: quietHours)
        try db.execute(sql: """
            UPDATE messages
            SET not_before = ?, waiting_for = ?, updated_at = ?, locale = ?, text = ?, encoding = ?, segments = ?,
                unreviewed_locale = ?
            WHERE id = ? AND state = 'pending'
            """, arguments: [
                Int64((release.notBefore * 1000).rounded()), release.waitReason?.rawValue, date.epochMilliseconds,
                (replacement?.locale ?? message.locale).rawValue, replacement?.text ?? message.text,
                (replacement?.encoding ?? message.encoding).rawValue, replacement?.segments ?? message.segments,
                reviewed ? nil : message.unreviewedLocale?.rawValue, message.id,
            ])
        try db.execute(sql: "DELETE FROM text_review_holds WHERE message_id = ?", arguments: [message.id])
    }
}
