public import Foundation
import GRDB
public import LoaCore

extension SQLiteStore {
    public func cancel(ids: [String], reason: String, at date: Date) async throws -> [String: MessageActionOutcome] {
        let nowMs = date.epochMilliseconds
        return try await write { db in
            var outcomes: [String: MessageActionOutcome] = [:]
            for id in ids {
                guard let stateText = try String.fetchOne(db, sql: "SELECT state FROM messages WHERE id = ?", arguments: [id]),
                      let state = MessageState(rawValue: stateText) else {
                    outcomes[id] = .notFound
                    continue
                }
                // Only unclaimed messages: one being submitted may already be at the provider.
                guard state == .pending else {
                    outcomes[id] = .notAllowed(state: state)
                    continue
                }
                try db.execute(sql: """
                    UPDATE messages SET state = 'cancelled', last_error = ?, updated_at = ?,
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ?
                    """, arguments: [reason, nowMs, id])
                outcomes[id] = .cancelled
            }
            return outcomes
        }
    }

    public func retry(ids: [String], at date: Date, quietHours: QuietHours) async throws -> [String: MessageActionOutcome] {
        try await write { db in
            var outcomes: [String: MessageActionOutcome] = [:]
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT \(StoredMessage.columns) FROM messages WHERE id = ?", arguments: [id]) else {
                    outcomes[id] = .notFound
                    continue
                }
                let original = try StoredMessage(row: row)
                guard [.failed, .undelivered, .expired].contains(original.state) else {
                    outcomes[id] = .notAllowed(state: original.state)
                    continue
                }
                guard !original.recipient.isEmpty else {
                    outcomes[id] = .personalDataRemoved
                    continue
                }
                if let earlier = try String.fetchOne(db, sql: """
                    SELECT id FROM messages WHERE retry_of = ? AND state IN ('pending', 'sending', 'sent')
                    """, arguments: [id]) {
                    outcomes[id] = .retried(newMessageId: earlier)
                    continue
                }
                let validity = original.expiresAt.timeIntervalSince(original.createdAt)
                let sendable = quietHours.sendableTime(forEpochSeconds: date.timeIntervalSince1970, priority: original.priority)
                let copy = StoredMessage(
                    id: OpaqueID.make(prefix: "msg", epochMilliseconds: date.epochMilliseconds),
                    dossierCode: original.dossierCode, commune: original.commune, kind: original.kind,
                    locale: original.locale, priority: original.priority, recipient: original.recipient,
                    text: original.text, encoding: original.encoding, segments: original.segments,
                    createdAt: date, updatedAt: date,
                    notBefore: Date(timeIntervalSince1970: sendable),
                    expiresAt: date.addingTimeInterval(max(validity, 3600)),
                    eventSource: original.eventSource, eventId: original.eventId, retryOf: original.id,
                    waitReason: WaitReason.newMessage(
                        createdAt: date.timeIntervalSince1970, dueAt: date.timeIntervalSince1970, sendableAt: sendable),
                    unreviewedLocale: original.unreviewedLocale)
                try copy.insert(db)
                outcomes[id] = .retried(newMessageId: copy.id)
            }
            return outcomes
        }
    }
}
