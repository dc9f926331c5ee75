public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    // MARK: MessageReading

    public func message(id: String) async throws -> StoredMessage? {
        let logger = logger
        return try await read { connection in
            try await connection.rows("SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages WHERE id = \(id)", logger: logger)
                .first.map(StoredMessage.init(postgresRow:))
        }
    }

    public func messages(dossierCode: String, commune: String?) async throws -> [StoredMessage] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages
                WHERE dossier_code = \(dossierCode) AND (\(commune)::text IS NULL OR commune = \(commune))
                ORDER BY created_at DESC, id DESC LIMIT 500
                """, logger: logger).map(StoredMessage.init(postgresRow:))
        }
    }

    public func attempts(messageId: String) async throws -> [StoredAttempt] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT message_id, number, provider, started_at, finished_at, outcome, provider_message_id, error
                FROM attempts WHERE message_id = \(messageId) ORDER BY number
                """, logger: logger).map { row in
                StoredAttempt(
                    messageId: try row[0].decode(String.self), number: try row[1].decode(Int.self), provider: try row[2].decode(String?.self),
                    startedAt: Date(epochMilliseconds: try row[3].decode(Int64.self)),
                    finishedAt: try row[4].decode(Int64?.self).map(Date.init(epochMilliseconds:)),
                    outcome: StoredAttempt.Outcome(rawValue: try row[5].decode(String.self)) ?? .open,
                    providerMessageId: try row[6].decode(String?.self), error: try row[7].decode(String?.self))
            }
        }
    }

    public func countsByState() async throws -> [MessageState: Int] {
        let logger = logger
        return try await read { connection in
            var counts: [MessageState: Int] = [:]
            for row in try await connection.rows("SELECT state, COUNT(*) FROM messages GROUP BY state", logger: logger) {
                if let state = MessageState(rawValue: try row[0].decode(String.self)) { counts[state] = try row[1].decode(Int.self) }
            }
            return counts
        }
    }

    public func openAttemptCount() async throws -> Int {
        let logger = logger
        return try await read { connection in
            try await connection.value("SELECT COUNT(*) FROM attempts WHERE outcome = 'open'", as: Int.self, logger: logger) ?? 0
        }
    }

    public func inDoubtAttemptCount() async throws -> Int {
        let logger = logger
        return try await read { connection in
            try await connection.value("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_doubt'", as: Int.self, logger: logger) ?? 0
        }
    }

    // MARK: OperatorActions

    public func cancel(ids: [String], reason: String, at date: Date) async throws -> [String: MessageActionOutcome] {
        let nowMs = date.epochMilliseconds
        let logger = logger
        return try await write { connection in
            var outcomes: [String: MessageActionOutcome] = [:]
            for id in ids {
                guard let stateText = try await connection.value("SELECT state FROM messages WHERE id = \(id) FOR UPDATE", as: String.self, logger: logger),
                      let state = MessageState(rawValue: stateText) else {
                    outcomes[id] = .notFound
                    continue
                }
                // Only unclaimed messages: one being submitted may already be at the provider.
                guard state == .pending else {
                    outcomes[id] = .notAllowed(state: state)
                    continue
                }
                try await connection.query("""
                    UPDATE messages SET state = 'cancelled', last_error = \(reason), updated_at = \(nowMs),
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = \(id)
                    """, logger: logger)
                outcomes[id] = .cancelled
            }
            return outcomes
        }
    }

    public func retry(ids: [String], at date: Date, quietHours: QuietHours) async throws -> [String: MessageActionOutcome] {
        let logger = logger
        return try await write { connection in
            var outcomes: [String: MessageActionOutcome] = [:]
            for id in ids {
                // Locked, so that two operators retrying at once on two nodes make one copy.
                guard let row = try await connection.rows("""
                    SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages WHERE id = \(id) FOR UPDATE
                    """, logger: logger).first else {
                    outcomes[id] = .notFound
                    continue
                }
                let original = try StoredMessage(postgresRow: row)
                guard [.failed, .undelivered, .expired].contains(original.state) else {
                    outcomes[id] = .notAllowed(state: original.state)
                    continue
                }
                guard !original.recipient.isEmpty else {
                    outcomes[id] = .personalDataRemoved
                    continue
                }
                if let earlier = try await connection.value("""
                    SELECT id FROM messages WHERE retry_of = \(id) AND state IN ('pending', 'sending', 'sent')
                    """, as: String.self, logger: logger) {
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
                try await copy.insert(connection, logger: logger)
                try await PostgresStore.notifyNewMessages(connection, logger)
                outcomes[id] = .retried(newMessageId: copy.id)
            }
            return outcomes
        }
    }

    // MARK: KeyStore

    public func insert(_ key: APIKey) async throws {
        let logger = logger
        let sources = try APIKey.scopeColumn(key.ingestScope.sources)
        let communes = try APIKey.scopeColumn(key.ingestScope.communes)
        try await write { connection in
            try await connection.query("""
                INSERT INTO api_keys (id, name, role, commune, secret_hash, created_at, revoked_at,
                                      scope_sources, scope_communes, signing_secret_sealed)
                VALUES (\(key.id), \(key.name), \(key.role.rawValue), \(key.commune), \(key.secretHash),
                    \(key.createdAt.epochMilliseconds), \(key.revokedAt?.epochMilliseconds), \(sources), \(communes),
                    \(key.sealedSigningSecret))
                """, logger: logger)
        }
    }

    public func activeKey(secretHash: String) async throws -> APIKey? {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: APIKey.postgresColumns) FROM api_keys WHERE secret_hash = \(secretHash) AND revoked_at IS NULL
                """, logger: logger).first.map(APIKey.init(postgresRow:))
        }
    }

    public func keys() async throws -> [APIKey] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("SELECT \(unescaped: APIKey.postgresColumns) FROM api_keys ORDER BY created_at, id", logger: logger)
                .map(APIKey.init(postgresRow:))
        }
    }

    public func revokeKey(id: String, at date: Date) async throws -> Bool {
        let logger = logger
        return try await write { connection in
            try await connection.changed("""
                UPDATE api_keys SET revoked_at = \(date.epochMilliseconds) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1
                """, logger: logger) > 0
        }
    }
}
