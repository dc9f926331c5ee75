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
        migrator.registerMigration("v5-receipts-per-attempt") { db in
            // Each report names the attempt it is about; one about an attempt that is no longer
            // the message's current one is kept for the record with `refusal` set and never
            // applied. At most one final (delivered/undelivered) and one non-final report is kept
            // per attempt: a repeat is acknowledged and not stored. `messages_sent` finds what
            // has waited past its report timeout without scanning.
            try db.execute(sql: """
                ALTER TABLE receipts ADD COLUMN attempt INTEGER;
                ALTER TABLE receipts ADD COLUMN refusal TEXT;
                CREATE UNIQUE INDEX receipts_one_per_attempt ON receipts(message_id, attempt, status = 'accepted')
                    WHERE message_id IS NOT NULL AND attempt IS NOT NULL;
                CREATE INDEX messages_sent ON messages(updated_at) WHERE state = 'sent';
                """)
        }
        migrator.registerMigration("v6-ingest-key-scopes") { db in
            // Ingest keys limited to sources and communes (JSON arrays, NULL = any), an optional
            // sealed signing secret, and the key each event came with (NULL before this version).
            try db.execute(sql: """
                ALTER TABLE api_keys ADD COLUMN scope_sources TEXT;
                ALTER TABLE api_keys ADD COLUMN scope_communes TEXT;
                ALTER TABLE api_keys ADD COLUMN signing_secret_sealed BLOB;
                ALTER TABLE events ADD COLUMN key_id TEXT;
                """)
        }
        migrator.registerMigration("v7-retention") { db in
            // Retention (SQLiteStore+Retention): find what passed the horizon without scanning.
            // Each index grows at its right edge (times only increase), so writes stay cheap;
            // purged messages (recipient '') leave theirs. `retention_horizon` remembers before
            // when events were forgotten, so a replay of one is refused rather than sent again.
            try db.execute(sql: """
                CREATE INDEX messages_personal_by_creation ON messages(created_at) WHERE recipient <> '';
                CREATE INDEX events_by_receipt ON events(received_at);
                CREATE INDEX receipts_by_receipt ON receipts(received_at);
                CREATE INDEX dossiers_closed ON dossiers(updated_at) WHERE status IN (3, 7, 8, 10);
                CREATE TABLE retention_horizon (
                    subject TEXT PRIMARY KEY NOT NULL,
                    forgotten_before INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v8-dossier-source") { db in
            // The source (dossier system) that created each dossier: events about it from another
            // source are refused (DossierSnapshot.ownershipRejection). Dossiers from before take
            // the source of their earliest event still kept (one pass over events: SQLite's
            // MIN() picks that row's source); NULL when none is (the next accepted event's source
            // is recorded then).
            try db.execute(sql: """
                ALTER TABLE dossiers ADD COLUMN source TEXT;
                UPDATE dossiers SET source = earliest.source
                FROM (SELECT dossier_code, source, MIN(received_at) FROM events GROUP BY dossier_code) AS earliest
                WHERE earliest.dossier_code = dossiers.code;
                """)
        }
        migrator.registerMigration("v9-inbound-messages") { db in
            // Messages residents send (SQLiteStore+Inbound). AUTOINCREMENT: ids never come back
            // after a purge, so a consumer reading on from the last id it saw misses nothing. A
            // repeated hand-over (same provider and provider id) is not stored twice; consumers
            // find what is unhandled, and retention what is old, without scanning.
            try db.execute(sql: """
                CREATE TABLE inbound_messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    provider TEXT NOT NULL,
                    provider_message_id TEXT,
                    sender TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    text TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    handled_at INTEGER,
                    outcome TEXT
                );
                CREATE UNIQUE INDEX inbound_messages_by_provider_id ON inbound_messages(provider, provider_message_id)
                    WHERE provider_message_id IS NOT NULL;
                CREATE INDEX inbound_messages_unhandled ON inbound_messages(id) WHERE handled_at IS NULL;
                CREATE INDEX inbound_messages_by_receipt ON inbound_messages(received_at);
                """)
        }
        migrator.registerMigration("v10-appointments") { db in
            // Appointments officers book (SQLiteStore+Appointments). One booked (or attended)
            // appointment per commune, phone and start: a repeated booking or import row is
            // recognised; a cancelled one may be booked again. Their messages are outbox rows
            // with event_source 'appointments' and the appointment's id as event_id, found
            // through a partial index that costs dossier messages nothing.
            try db.execute(sql: """
                CREATE TABLE appointments (
                    id TEXT PRIMARY KEY NOT NULL,
                    commune TEXT NOT NULL,
                    applicant_name TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    locale TEXT NOT NULL,
                    dossier_code TEXT,
                    procedure TEXT NOT NULL,
                    starts_at INTEGER NOT NULL,
                    place TEXT NOT NULL,
                    note TEXT,
                    status TEXT NOT NULL,
                    cancel_reason TEXT,
                    booked_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX appointments_once ON appointments(commune, phone, starts_at) WHERE status <> 'cancelled';
                CREATE INDEX appointments_by_start ON appointments(starts_at, commune);
                CREATE INDEX messages_of_appointment ON messages(event_id, created_at) WHERE event_source = 'appointments';
                """)
        }
        migrator.registerMigration("v11-residents") { db in
            // What residents ask for themselves (SQLiteStore+Residents): a stop with its time and
            // source, a chosen language, the day help text was last sent. The dossier code index
            // lets a resident type a code in any case; appointments are found by phone for USSD.
            try db.execute(sql: """
                CREATE TABLE residents (
                    phone TEXT PRIMARY KEY NOT NULL,
                    opted_out_at INTEGER,
                    opt_out_source TEXT,
                    locale TEXT,
                    help_day INTEGER,
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX residents_opted_out ON residents(opted_out_at) WHERE opted_out_at IS NOT NULL;
                CREATE INDEX dossiers_code_nocase ON dossiers(code COLLATE NOCASE);
                CREATE INDEX appointments_by_phone ON appointments(phone, starts_at);
                """)
        }
        migrator.registerMigration("v12-audit") { db in
            // The audit trail (SQLiteStore+AuditTrail): AUTOINCREMENT so ids only grow and page
            // cursors stay valid after retention deletes old entries; found by time for the
            // filters and retention. `waiting_for` is why a pending message waits (WaitReason).
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    key_id TEXT,
                    key_name TEXT NOT NULL,
                    role TEXT,
                    remote_address TEXT,
                    subject TEXT,
                    outcome TEXT
                );
                CREATE INDEX audit_log_by_time ON audit_log(at);
                ALTER TABLE messages ADD COLUMN waiting_for TEXT;
                """)
        }
        migrator.registerMigration("v13-statistics") { db in
            try db.execute(sql: SQLiteStatisticsSchema.migration)
        }
        migrator.registerMigration("v14-unreviewed-text") { db in
            // The locale whose text no native speaker had reviewed when a message was made
            // (StoredMessage.unreviewedLocale): sent anyway, or replaced by the Vietnamese text.
            try db.execute(sql: "ALTER TABLE messages ADD COLUMN unreviewed_locale TEXT")
        }
        migrator.registerMigration("v16-queue-status-indexes") { db in
            // The status summary (dashboard, GET /v1/status, /metrics) and the dashboard's
            // problem lists on millions of messages: the oldest waiting message, the latest
            // pending and failed ones, in-doubt attempts, each read from a partial index over the
            // few rows concerned (SQLiteStore+QueueStatus, SQLiteStore+MessageFinding).
            try db.execute(sql: """
                CREATE INDEX messages_pending_by_creation ON messages(created_at) WHERE state = 'pending';
                CREATE INDEX messages_sending_by_creation ON messages(created_at) WHERE state = 'sending';
                CREATE INDEX messages_problems_by_creation ON messages(created_at) WHERE state IN ('expired', 'failed', 'undelivered');
                CREATE INDEX attempts_in_doubt ON attempts(message_id) WHERE outcome = 'in_doubt';
                """)
        }
        migrator.registerMigration("v17-text-review-holds") { db in
            // Beside a message held for a text review: the text it waits to have reviewed, when it
            // was due, the Vietnamese text an operator may send instead (SQLiteStore+TextReviewHolds).
            try db.execute(sql: TextReviewHold.sqliteMigration + SQLiteStatisticsSchema.localeFollowingUpdateTrigger)
        }
        migrator.registerMigration("v20-watcher-cursors") { db in
            // Each dossier watcher's (updated-at, id) cursor into its source table, how far it
            // has read (read_through, for its lag) and its last failure (SQLiteStore+WatcherCursors).
            try db.execute(sql: """
                CREATE TABLE watcher_cursors (
                    name TEXT PRIMARY KEY NOT NULL,
                    updated_at_us INTEGER,
                    row_id TEXT,
                    read_through INTEGER,
                    changes INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    saved_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v21-rollup-without-temporary-tables") { db in
            // Nothing a message's state change runs builds a temporary b-tree any more: SQLite
            // makes one for every `IN` over more than two constants or over `VALUES`, each with a
            // page cache of its own in freshly allocated memory (about 130,000 page faults a second
            // in a delivery burst, a tenth of loa serve's CPU). The rollup's triggers take a message
            // out of its cells cell by cell, and the problems and closed-dossiers indexes (the
            // latter on every ingested event) list their states with OR (SQLiteStore+MessageFinding
            // and SQLiteStore+Retention write their filters the same way, so they are still used).
            try db.execute(sql: SQLiteStatisticsSchema.cellByCellTriggers + """
                DROP INDEX messages_problems_by_creation;
                CREATE INDEX messages_problems_by_creation ON messages(created_at)
                    WHERE state = 'expired' OR state = 'failed' OR state = 'undelivered';
                DROP INDEX dossiers_closed;
                CREATE INDEX dossiers_closed ON dossiers(updated_at) WHERE status = 3 OR status = 7 OR status = 8 OR status = 10;
                """)
        }
        return migrator
    }
}
