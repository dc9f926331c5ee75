/// Migration v13-statistics: what statistics and the dashboard read on millions of messages.
///
/// `message_hours` is a rollup: for each hour of creation (`created_at / 3600000`) and each
/// dimension (`all`, `provider`, `carrier`, `commune`, `locale`, `kind`) and value, how many
/// messages are in each state now and their segments. Triggers on `messages` keep it exact in
/// the same transaction as every insert, state change and delete (a change moves the message
/// from its old cell to its new one); existing messages are counted once when it is created.
/// `carrier` stores the first five characters of the E.164 number (`+8491`), mapped to a carrier
/// when read; a number removed after retention counts as unknown from then on.
///
/// Indexes: by creation (raw counts at a window's edges, recent failures), by commune and
/// creation (an officer's statistics), by recipient (the dashboard's search by phone).
/// `secrets` keeps secrets the gateway makes for itself (``SecretKeeping``).
enum SQLiteStatisticsSchema {
    /// The dimensions and the value each stores, as SQL over a row of `messages` named `row`.
    private static func dimensions(_ row: String) -> String {
        """
        VALUES ('all', ''), ('provider', coalesce(\(row).provider, '')), ('carrier', substr(\(row).recipient, 1, 5)),
               ('commune', \(row).commune), ('locale', \(row).locale), ('kind', \(row).kind)
        """
    }

    private static func add(_ row: String) -> String {
        """
        INSERT INTO message_hours (dimension, hour, value, state, messages, segments)
            SELECT column1, \(row).created_at / 3600000, column2, \(row).state, 1, \(row).segments
            FROM (\(dimensions(row))) WHERE true
            ON CONFLICT (dimension, hour, value, state)
            DO UPDATE SET messages = messages + 1, segments = segments + excluded.segments;
        """
    }

    private static func remove(_ row: String) -> String {
        """
        UPDATE message_hours SET messages = messages - 1, segments = segments - \(row).segments
            WHERE hour = \(row).created_at / 3600000 AND state = \(row).state
            AND (dimension, value) IN (\(dimensions(row)));
        """
    }

    /// ``remove(_:)`` as one statement per dimension, each finding its cell by primary key.
    /// The `IN (VALUES …)` of ``remove(_:)`` builds a temporary b-tree every time it runs (its
    /// own page cache, freshly allocated memory, about 20 page faults), once per state change of
    /// every message: about a tenth of `loa serve`'s CPU in a delivery burst.
    private static func removeCellByCell(_ row: String) -> String {
        [("'all'", "''"), ("'provider'", "coalesce(\(row).provider, '')"), ("'carrier'", "substr(\(row).recipient, 1, 5)"),
         ("'commune'", "\(row).commune"), ("'locale'", "\(row).locale"), ("'kind'", "\(row).kind")].map { dimension, value in
            """
            UPDATE message_hours SET messages = messages - 1, segments = segments - \(row).segments
                WHERE dimension = \(dimension) AND hour = \(row).created_at / 3600000 AND value = \(value) AND state = \(row).state;
            """
        }.joined(separator: "\n")
    }

    private static func backfill(_ dimension: String, _ value: String) -> String {
        """
        INSERT INTO message_hours (dimension, hour, value, state, messages, segments)
            SELECT '\(dimension)', created_at / 3600000 AS h, \(value) AS v, state, COUNT(*), SUM(segments)
            FROM messages GROUP BY h, v, state;
        """
    }

    /// Migration v17-text-review-holds: the update trigger follows a message's locale too, which
    /// an operator's release of a held message in Vietnamese changes (SQLiteStore+TextReviewHolds).
    static let localeFollowingUpdateTrigger = """
        DROP TRIGGER message_hours_update;
        CREATE TRIGGER message_hours_update AFTER UPDATE OF state, provider, recipient, segments, locale ON messages
        WHEN OLD.state IS NOT NEW.state OR OLD.provider IS NOT NEW.provider OR OLD.segments IS NOT NEW.segments
            OR substr(OLD.recipient, 1, 5) IS NOT substr(NEW.recipient, 1, 5) OR OLD.locale IS NOT NEW.locale
        BEGIN
            \(remove("OLD"))
            \(add("NEW"))
        END;
        """

    /// Migration v21-rollup-without-temporary-tables: the update and delete triggers take a
    /// message out of its cells cell by cell (``removeCellByCell(_:)``); same cells, same counts.
    static let cellByCellTriggers = """
        DROP TRIGGER message_hours_update;
        CREATE TRIGGER message_hours_update AFTER UPDATE OF state, provider, recipient, segments, locale ON messages
        WHEN OLD.state IS NOT NEW.state OR OLD.provider IS NOT NEW.provider OR OLD.segments IS NOT NEW.segments
            OR substr(OLD.recipient, 1, 5) IS NOT substr(NEW.recipient, 1, 5) OR OLD.locale IS NOT NEW.locale
        BEGIN
            \(removeCellByCell("OLD"))
            \(add("NEW"))
        END;
        DROP TRIGGER message_hours_delete;
        CREATE TRIGGER message_hours_delete AFTER DELETE ON messages BEGIN
            \(removeCellByCell("OLD"))
        END;
        """

    static let migration = """
        CREATE TABLE message_hours (
            dimension TEXT NOT NULL,
            hour INTEGER NOT NULL,
            value TEXT NOT NULL,
            state TEXT NOT NULL,
            messages INTEGER NOT NULL,
            segments INTEGER NOT NULL,
            PRIMARY KEY (dimension, hour, value, state)
        ) WITHOUT ROWID;
        \(backfill("all", "''"))
        \(backfill("provider", "coalesce(provider, '')"))
        \(backfill("carrier", "substr(recipient, 1, 5)"))
        \(backfill("commune", "commune"))
        \(backfill("locale", "locale"))
        \(backfill("kind", "kind"))
        CREATE TRIGGER message_hours_insert AFTER INSERT ON messages BEGIN
            \(add("NEW"))
        END;
        CREATE TRIGGER message_hours_update AFTER UPDATE OF state, provider, recipient, segments ON messages
        WHEN OLD.state IS NOT NEW.state OR OLD.provider IS NOT NEW.provider OR OLD.segments IS NOT NEW.segments
            OR substr(OLD.recipient, 1, 5) IS NOT substr(NEW.recipient, 1, 5)
        BEGIN
            \(remove("OLD"))
            \(add("NEW"))
        END;
        CREATE TRIGGER message_hours_delete AFTER DELETE ON messages BEGIN
            \(remove("OLD"))
        END;
        CREATE INDEX messages_by_creation ON messages(created_at);
        CREATE INDEX messages_by_commune_creation ON messages(commune, created_at);
        CREATE INDEX messages_by_recipient ON messages(recipient, created_at) WHERE recipient <> '';
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY NOT NULL,
            value BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
}
