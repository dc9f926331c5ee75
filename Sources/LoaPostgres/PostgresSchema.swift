import Logging
import PostgresNIO

/// The PostgreSQL schema: the SQLite migrations, one for one under the same names, in
/// PostgreSQL's words; applied in order and never edited once released.
///
/// Instants are BIGINT milliseconds since 1970 (UTC), as in SQLite, so that both drivers share
/// the same arithmetic; phone numbers are E.164. Every integer is BIGINT (Swift's `Int`).
///
/// Several nodes may start at once: ``migrate(_:logger:)`` takes a transaction-scoped advisory
/// lock first, so one node migrates while the others wait and then find nothing left to do.
enum PostgresSchema {
    /// The advisory lock key of migrations ("loa_migr" in ASCII).
    static let lockKey: Int64 = 0x6C6F_615F_6D69_6772

    /// Each migration: its name (as in `SQLiteSchema`) and its statements.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE events (
                source TEXT NOT NULL,
                event_id TEXT NOT NULL,
                dossier_code TEXT NOT NULL,
                status BIGINT NOT NULL,
                occurred_at BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                message_ids TEXT NOT NULL,
                PRIMARY KEY (source, event_id)
            )
            """,
            """
            CREATE TABLE dossiers (
                code TEXT PRIMARY KEY NOT NULL,
                status BIGINT NOT NULL,
                status_occurred_at BIGINT NOT NULL,
                commune TEXT NOT NULL,
                procedure TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                phone TEXT NOT NULL,
                locale TEXT NOT NULL,
                due_date TEXT,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE messages (
                id TEXT PRIMARY KEY NOT NULL,
                dossier_code TEXT NOT NULL,
                commune TEXT NOT NULL,
                kind TEXT NOT NULL,
                locale TEXT NOT NULL,
                priority BIGINT NOT NULL,
                recipient TEXT NOT NULL,
                text TEXT NOT NULL,
                encoding TEXT NOT NULL,
                segments BIGINT NOT NULL,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                provider TEXT,
                provider_message_id TEXT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                not_before BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                lease_owner TEXT,
                lease_expires_at BIGINT,
                event_source TEXT NOT NULL,
                event_id TEXT NOT NULL
            )
            """,
            "CREATE INDEX messages_pending ON messages(priority, not_before) WHERE state = 'pending'",
            "CREATE INDEX messages_leased ON messages(lease_expires_at) WHERE state = 'sending'",
            "CREATE INDEX messages_dossier ON messages(dossier_code, created_at)",
            "CREATE INDEX messages_provider_id ON messages(provider, provider_message_id) WHERE provider_message_id IS NOT NULL",
            """
            CREATE TABLE attempts (
                message_id TEXT NOT NULL,
                number BIGINT NOT NULL,
                provider TEXT,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                outcome TEXT NOT NULL,
                provider_message_id TEXT,
                error TEXT,
                PRIMARY KEY (message_id, number)
            )
            """,
            """
            CREATE TABLE receipts (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                provider TEXT NOT NULL,
                message_id TEXT,
                provider_message_id TEXT,
                status TEXT NOT NULL,
                detail TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                applied_to TEXT
            )
            """,
            "CREATE INDEX receipts_unapplied_by_message ON receipts(message_id) WHERE applied_to IS NULL",
            "CREATE INDEX receipts_unapplied_by_provider_id ON receipts(provider, provider_message_id) WHERE applied_to IS NULL",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                commune TEXT,
                secret_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
        ]),
        ("v2-operator-retry", ["ALTER TABLE messages ADD COLUMN retry_of TEXT"]),
        ("v3-indexes", [
            "CREATE INDEX messages_retry_of ON messages(retry_of) WHERE retry_of IS NOT NULL",
            "CREATE INDEX messages_pending_expiry ON messages(expires_at) WHERE state = 'pending'",
        ]),
        ("v4-daily-cap-settled-leases", [
            "ALTER TABLE messages ADD COLUMN cap_day BIGINT",
            """
            CREATE TABLE recipient_days (
                recipient TEXT NOT NULL,
                day BIGINT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (recipient, day)
            )
            """,
            "CREATE INDEX messages_settled_leases ON messages(lease_expires_at) WHERE lease_owner IS NOT NULL AND state <> 'sending'",
        ]),
        ("v5-receipts-per-attempt", [
            "ALTER TABLE receipts ADD COLUMN attempt BIGINT",
            "ALTER TABLE receipts ADD COLUMN refusal TEXT",
            """
            CREATE UNIQUE INDEX receipts_one_per_attempt ON receipts(message_id, attempt, (status = 'accepted'))
                WHERE message_id IS NOT NULL AND attempt IS NOT NULL
            """,
            "CREATE INDEX messages_sent ON messages(updated_at) WHERE state = 'sent'",
        ]),
        ("v6-ingest-key-scopes", [
            "ALTER TABLE api_keys ADD COLUMN scope_sources TEXT",
            "ALTER TABLE api_keys ADD COLUMN scope_communes TEXT",
            "ALTER TABLE api_keys ADD COLUMN signing_secret_sealed BYTEA",
            "ALTER TABLE events ADD COLUMN key_id TEXT",
        ]),
        ("v7-retention", [
            "CREATE INDEX messages_personal_by_creation ON messages(created_at) WHERE recipient <> ''",
            "CREATE INDEX events_by_receipt ON events(received_at)",
            "CREATE INDEX receipts_by_receipt ON receipts(received_at)",
            "CREATE INDEX dossiers_closed ON dossiers(updated_at) WHERE status IN (3, 7, 8, 10)",
            """
            CREATE TABLE retention_horizon (
                subject TEXT PRIMARY KEY NOT NULL,
                forgotten_before BIGINT NOT NULL
            )
            """,
        ]),
        ("v8-dossier-source", [
            "ALTER TABLE dossiers ADD COLUMN source TEXT",
            """
            UPDATE dossiers SET source = earliest.source
            FROM (SELECT DISTINCT ON (dossier_code) dossier_code, source FROM events ORDER BY dossier_code, received_at) AS earliest
            WHERE earliest.dossier_code = dossiers.code
            """,
        ]),
        ("v9-inbound-messages", [
            """
            CREATE TABLE inbound_messages (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                provider TEXT NOT NULL,
                provider_message_id TEXT,
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                text TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                handled_at BIGINT,
                outcome TEXT
            )
            """,
            """
            CREATE UNIQUE INDEX inbound_messages_by_provider_id ON inbound_messages(provider, provider_message_id)
                WHERE provider_message_id IS NOT NULL
            """,
            "CREATE INDEX inbound_messages_unhandled ON inbound_messages(id) WHERE handled_at IS NULL",
            "CREATE INDEX inbound_messages_by_receipt ON inbound_messages(received_at)",
        ]),
        ("v10-appointments", [
            """
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY NOT NULL,
                commune TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                phone TEXT NOT NULL,
                locale TEXT NOT NULL,
                dossier_code TEXT,
                procedure TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                place TEXT NOT NULL,
                note TEXT,
                status TEXT NOT NULL,
                cancel_reason TEXT,
                booked_by TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX appointments_once ON appointments(commune, phone, starts_at) WHERE status <> 'cancelled'",
            "CREATE INDEX appointments_by_start ON appointments(starts_at, commune)",
            "CREATE INDEX messages_of_appointment ON messages(event_id, created_at) WHERE event_source = 'appointments'",
        ]),
        ("v11-residents", [
            """
            CREATE TABLE residents (
                phone TEXT PRIMARY KEY NOT NULL,
                opted_out_at BIGINT,
                opt_out_source TEXT,
                locale TEXT,
                help_day BIGINT,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX residents_opted_out ON residents(opted_out_at) WHERE opted_out_at IS NOT NULL",
            // SQLite's `COLLATE NOCASE` index: residents type codes in any case.
            "CREATE INDEX dossiers_code_nocase ON dossiers(lower(code))",
            "CREATE INDEX appointments_by_phone ON appointments(phone, starts_at)",
        ]),
        ("v12-audit", [
            """
            CREATE TABLE audit_log (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at BIGINT NOT NULL,
                action TEXT NOT NULL,
                key_id TEXT,
                key_name TEXT NOT NULL,
                role TEXT,
                remote_address TEXT,
                subject TEXT,
                outcome TEXT
            )
            """,
            "CREATE INDEX audit_log_by_time ON audit_log(at)",
            "ALTER TABLE messages ADD COLUMN waiting_for TEXT",
        ]),
        // Indexes and secrets; the hourly rollup came later (v18-statistics-rollup).
        ("v13-statistics", PostgresStatisticsSchema.statements),
        // The locale whose text no native speaker had reviewed when a message was made.
        ("v14-unreviewed-text", ["ALTER TABLE messages ADD COLUMN unreviewed_locale TEXT"]),
        // SQLite's hourly statistics rollup (message_hours), kept by statement-level triggers.
        ("v18-statistics-rollup", PostgresStatisticsRollup.statements),
        // Beside a message held for a text review: the text it waits to have reviewed, when it
        // was due, the Vietnamese text an operator may send instead (PostgresStore+TextReviewHolds).
        ("v17-text-review-holds", PostgresTextReviewHoldsSchema.statements),
        // The rollup's hot cells spread over shards, so transactions stop waiting for each other on them.
        ("v19-rollup-shards", PostgresStatisticsRollup.shardStatements),
        // Each dossier watcher's cursor into its source table (PostgresStore+WatcherCursors).
        ("v20-watcher-cursors", [
            """
            CREATE TABLE watcher_cursors (
                name TEXT PRIMARY KEY NOT NULL,
                updated_at_us BIGINT,
                row_id TEXT,
                read_through BIGINT,
                changes BIGINT NOT NULL DEFAULT 0,
                rejected BIGINT NOT NULL DEFAULT 0,
                last_error TEXT,
                saved_at BIGINT NOT NULL
            )
            """,
        ]),
        // The rollup's update trigger without a join whose cached plan was quadratic in the rows changed.
        ("v22-rollup-linear-update", PostgresStatisticsRollup.linearUpdateStatements),
    ]

    /// Applies the migrations this database lacks, all in one transaction under the advisory
    /// lock (PostgreSQL's DDL is transactional: a failed migration leaves nothing behind).
    /// It waits a bounded time for a connection (`connections`' limit): a node started while the
    /// database is away fails with ``StoreUnavailableError`` instead of waiting for ever.
    static func migrate(_ connections: ConnectionWait, logger: Logger) async throws {
        try await connections.run { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS loa_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                let applied = Set(try await connection.rows("SELECT name FROM loa_migrations", logger: logger).map { try $0[0].decode(String.self) })
                for migration in migrations where !applied.contains(migration.name) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO loa_migrations (name) VALUES (\(migration.name))", logger: logger)
                    logger.info("migrated the PostgreSQL store", metadata: ["migration": "\(migration.name)"])
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
