public import Foundation
public import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    // MARK: InboundStore

    public func record(_ messages: [InboundMessage]) async throws -> [Bool] {
        guard !messages.isEmpty else { return [] }
        let logger = logger
        // Only the unique provider id can conflict; a repeat is left as first stored. A repeat
        // within the batch is not offered at all (keys compared byte for byte, as the index does).
        var offered: [InboundMessage] = []
        var isFirst: [Bool] = []
        var seen = Set<[UInt8]>()
        for message in messages {
            let first = message.providerMessageId.map { seen.insert(Self.inboundKey(message.provider, $0)).inserted } ?? true
            isFirst.append(first)
            if first { offered.append(message) }
        }
        var providers: [String] = [], senders: [String] = [], recipients: [String] = [], texts: [String] = [], receivedAt: [Int64] = []
        var providerMessageIds = NullableColumn<String>()
        for message in offered {
            providers.append(message.provider)
            providerMessageIds.append(message.providerMessageId)
            senders.append(message.from.e164)
            recipients.append(message.to)
            texts.append(message.text)
            receivedAt.append(message.receivedAt.epochMilliseconds)
        }
        var bindings = PostgresBindings()
        bindings.append(providers)
        bindings.append(providerMessageIds)
        bindings.append(senders)
        bindings.append(recipients)
        bindings.append(texts)
        bindings.append(receivedAt)
        let statement = PostgresQuery(unsafeSQL: """
            INSERT INTO inbound_messages (provider, provider_message_id, sender, recipient, text, received_at)
            SELECT provider, CASE WHEN has_id THEN provider_message_id END, sender, recipient, text, received_at
            FROM unnest($1::text[], $2::text[], $3::bool[], $4::text[], $5::text[], $6::text[], $7::bigint[])
                WITH ORDINALITY AS u(provider, provider_message_id, has_id, sender, recipient, text, received_at, position)
            ORDER BY position
            ON CONFLICT DO NOTHING
            RETURNING provider, provider_message_id
            """, binds: bindings)
        // One statement for the batch: its connection is held for one round trip, not one per message.
        let inserted = try await write { connection in
            var keys = Set<[UInt8]>()
            for row in try await connection.rows(statement, logger: logger) {
                if let id = try row[1].decode(String?.self) { keys.insert(Self.inboundKey(try row[0].decode(String.self), id)) }
            }
            return keys
        }
        return zip(messages, isFirst).map { message, first in
            guard let id = message.providerMessageId else { return true }
            return first && inserted.contains(Self.inboundKey(message.provider, id))
        }
    }

    /// A provider and its message id as the unique index compares them: bytes, not Unicode.
    private static func inboundKey(_ provider: String, _ providerMessageId: String) -> [UInt8] {
        Array(provider.utf8) + [0x1F] + Array(providerMessageId.utf8)
    }

    public func inboundMessages(after id: Int64, limit: Int) async throws -> [StoredInboundMessage] {
        try await readInbound("""
            SELECT id, provider, provider_message_id, sender, recipient, text, received_at, handled_at, outcome
            FROM inbound_messages WHERE id > \(id) ORDER BY id LIMIT \(limit)
            """)
    }

    public func unhandledInboundMessages(limit: Int) async throws -> [StoredInboundMessage] {
        try await readInbound("""
            SELECT id, provider, provider_message_id, sender, recipient, text, received_at, handled_at, outcome
            FROM inbound_messages WHERE handled_at IS NULL ORDER BY id LIMIT \(limit)
            """)
    }

    public func markInboundHandled(id: Int64, outcome: String, at: Date) async throws -> Bool {
        let logger = logger
        return try await write { connection in
            try await connection.changed("""
                UPDATE inbound_messages SET handled_at = \(at.epochMilliseconds), outcome = \(outcome)
                WHERE id = \(id) AND handled_at IS NULL
                RETURNING 1
                """, logger: logger) > 0
        }
    }

    private func readInbound(_ query: PostgresQuery) async throws -> [StoredInboundMessage] {
        let logger = logger
        return try await read { connection in
            try await connection.rows(query, logger: logger).map { row in
                StoredInboundMessage(
                    id: try row[0].decode(Int64.self),
                    message: InboundMessage(
                        provider: try row[1].decode(String.self), providerMessageId: try row[2].decode(String?.self),
                        from: try PhoneNumber(e164: try row[3].decode(String.self)), to: try row[4].decode(String.self),
                        text: try row[5].decode(String.self), receivedAt: Date(epochMilliseconds: try row[6].decode(Int64.self))),
                    handledAt: try row[7].decode(Int64?.self).map(Date.init(epochMilliseconds:)), outcome: try row[8].decode(String?.self))
            }
        }
    }

    // MARK: ResidentRequests

    public func answer(
        inboundId: Int64, outcome: String, changes: [ResidentPreferenceChange], reply: StoredMessage?, at: Date
    ) async throws -> Bool {
        let atMs = at.epochMilliseconds
        let logger = logger
        return try await write { connection in
            // Locked: another node answering the same message waits, then finds it handled.
            guard let sender = try await connection.value("""
                SELECT sender FROM inbound_messages WHERE id = \(inboundId) AND handled_at IS NULL FOR UPDATE
                """, as: String.self, logger: logger) else { return false }
            for change in changes {
                try await PostgresStore.apply(change, phone: sender, at: atMs, connection, logger)
            }
            if let reply {
                try await reply.insert(connection, logger: logger)
                try await PostgresStore.notifyNewMessages(connection, logger)
            }
            try await connection.query("""
                UPDATE inbound_messages SET handled_at = \(atMs), outcome = \(outcome) WHERE id = \(inboundId)
                """, logger: logger)
            return true
        }
    }

    public func change(_ change: ResidentPreferenceChange, for phone: PhoneNumber, at: Date) async throws {
        let logger = logger
        try await write { connection in
            try await PostgresStore.apply(change, phone: phone.e164, at: at.epochMilliseconds, connection, logger)
        }
    }

    public func preferences(of phone: PhoneNumber) async throws -> ResidentPreferences {
        let logger = logger
        return try await read { connection in
            guard let row = try await connection.rows("""
                SELECT opted_out_at, opt_out_source, locale, help_day FROM residents WHERE phone = \(phone.e164)
                """, logger: logger).first else { return ResidentPreferences() }
            return ResidentPreferences(
                optedOutAt: try row[0].decode(Int64?.self).map(Date.init(epochMilliseconds:)), optOutSource: try row[1].decode(String?.self),
                locale: try row[2].decode(String?.self).flatMap(MessageLocale.parse), helpSentOnDay: try row[3].decode(Int64?.self))
        }
    }

    public func optOuts(limit: Int) async throws -> [OptOut] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT phone, opted_out_at, opt_out_source FROM residents
                WHERE opted_out_at IS NOT NULL ORDER BY opted_out_at DESC LIMIT \(limit)
                """, logger: logger).map { row in
                OptOut(phone: try PhoneNumber(e164: try row[0].decode(String.self)),
                       optedOutAt: Date(epochMilliseconds: try row[1].decode(Int64.self)), source: try row[2].decode(String.self))
            }
        }
    }

    public func dossier(code: String, applicantPhone phone: PhoneNumber) async throws -> ResidentDossier? {
        let logger = logger
        return try await read { connection in
            guard let row = try await connection.rows("""
                SELECT code, status, status_occurred_at, commune, procedure, source, locale FROM dossiers
                WHERE lower(code) = lower(\(code)) AND phone = \(phone.e164)
                LIMIT 1
                """, logger: logger).first else { return nil }
            let statusCode = try row[1].decode(Int.self)
            guard let status = DossierStatus(rawValue: statusCode) else {
                throw StoreCorruption("dossier has unknown status \(statusCode)")
            }
            let snapshot = DossierSnapshot(
                code: try row[0].decode(String.self), status: status,
                statusOccurredAt: Date(epochMilliseconds: try row[2].decode(Int64.self)),
                commune: try row[3].decode(String.self), procedure: try row[4].decode(String.self), source: try row[5].decode(String?.self))
            return ResidentDossier(snapshot: snapshot, locale: MessageLocale.parse(try row[6].decode(String.self)) ?? .vietnamese)
        }
    }

    public func upcomingAppointments(phone: PhoneNumber, from: Date, limit: Int) async throws -> [Appointment] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Appointment.postgresColumns) FROM appointments
                WHERE phone = \(phone.e164) AND starts_at >= \(from.epochMilliseconds) AND status = 'booked'
                ORDER BY starts_at, id LIMIT \(limit)
                """, logger: logger).map(Appointment.init(postgresRow:))
        }
    }

    private static func apply(
        _ change: ResidentPreferenceChange, phone: String, at atMs: Int64, _ connection: PostgresSession, _ logger: Logger
    ) async throws {
        try await connection.query("""
            INSERT INTO residents (phone, updated_at) VALUES (\(phone), \(atMs)) ON CONFLICT (phone) DO NOTHING
            """, logger: logger)
        switch change {
        case .optOut(let source):
            // A second stop keeps the first one's time and source.
            try await connection.query("""
                UPDATE residents SET opted_out_at = COALESCE(opted_out_at, \(atMs)), opt_out_source = COALESCE(opt_out_source, \(source)),
                    updated_at = \(atMs)
                WHERE phone = \(phone)
                """, logger: logger)
        case .optIn:
            try await connection.query("""
                UPDATE residents SET opted_out_at = NULL, opt_out_source = NULL, updated_at = \(atMs) WHERE phone = \(phone)
                """, logger: logger)
        case .language(let locale):
            try await connection.query("""
                UPDATE residents SET locale = \(locale.rawValue), updated_at = \(atMs) WHERE phone = \(phone)
                """, logger: logger)
        case .helpSent(let day):
            try await connection.query("""
                UPDATE residents SET help_day = \(day), updated_at = \(atMs) WHERE phone = \(phone)
                """, logger: logger)
        }
    }
}
