import GRDB

/// The SQLite schema, as a list of migrations applied in order and never edited once released.
///
/// Instants are stored as integer milliseconds since 1970 (UTC); phone numbers in E.164.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE events (
                    source TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    dossier_code TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    message_ids TEXT NOT NULL,
                    PRIMARY KEY (source, event_id)
                ) WITHOUT ROWID;

                CREATE TABLE dossiers (
                    code TEXT PRIMARY KEY NOT NULL,
                    status INTEGER NOT NULL,
                    status_occurred_at INTEGER NOT NULL,
                    commune TEXT NOT NULL,
                    procedure TEXT NOT NULL,
                    applicant_name TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    locale TEXT NOT NULL,
                    due_date TEXT,
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE messages (
                    id TEXT PRIMARY KEY NOT NULL,
                    dossier_code TEXT NOT NULL,
                    commune TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    locale TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    recipient TEXT NOT NULL,
                    text TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    segments INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    provider TEXT,
                    provider_message_id TEXT,
                    last_error TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    not_before INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at INTEGER,
                    event_source TEXT NOT NULL,
                    event_id TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX messages_pending ON messages(priority, not_before) WHERE state = 'pending';
                CREATE INDEX messages_leased ON messages(lease_expires_at) WHERE state = 'sending';
                CREATE INDEX messages_dossier ON messages(dossier_code, created_at);
                CREATE INDEX messages_provider_id ON messages(provider, provider_message_id)
                    WHERE provider_message_id IS NOT NULL;

                CREATE TABLE attempts (
                    message_id TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    provider TEXT,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    outcome TEXT NOT NULL,
                    provider_message_id TEXT,
                    error TEXT,
                    PRIMARY KEY (message_id, number)
                ) WITHOUT ROWID;

                CREATE TABLE receipts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    provider TEXT NOT NULL,
                    message_id TEXT,
                    provider_message_id TEXT,
                    status TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    applied_to TEXT
                );
                CREATE INDEX receipts_unapplied_by_message ON receipts(message_id) WHERE applied_to IS NULL;
                CREATE INDEX receipts_unapplied_by_provider_id ON receipts(provider, provider_message_id)
                    WHERE applied_to IS NULL;

                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    commune TEXT,
                    secret_hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                """)
        }
        migrator.registerMigration("v2-operator-retry") { db in
            try db.execute(sql: "ALTER TABLE messages ADD COLUMN retry_of TEXT")
        }
        migrator.registerMigration("v3-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX messages_retry_of ON messages(retry_of) WHERE retry_of IS NOT NULL;
                CREATE INDEX messages_pending_expiry ON messages(expires_at) WHERE state = 'pending';
                """)
        }
        migrator.registerMigration("v4-daily-cap-settled-leases") { db in
            try db.execute(sql: """
                ALTER TABLE messages ADD COLUMN cap_day INTEGER;
                CREATE TABLE recipient_days (
                    recipient TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (recipient, day)
                ) WITHOUT ROWID;
                CREATE INDEX messages_settled_leases ON messages(lease_expires_at)
                    WHERE lease_owner IS NOT NULL AND state <> 'sending';
                """)
        }
        return migrator
    }
}
