/// Migration v18-statistics-rollup on PostgreSQL: the hourly rollup SQLite keeps since
/// v13-statistics (`message_hours`), so statistics and the dashboard read whole hours from it
/// instead of counting millions of messages.
///
/// For each hour of creation (`created_at / 3600000`), dimension (`all`, `provider`, `carrier`,
/// `commune`, `locale`, `kind`) and value, how many messages are in each state now and their
/// segments. Statement-level triggers (one aggregated upsert per statement on `messages`, not
/// one per row: a claim of 200 messages touches a few cells once) keep it exact in the same
/// transaction as every insert, change of state, provider, recipient's carrier, segments or
/// locale, and delete; cells are upserted in key order, so concurrent transactions lock them in
/// the same order. Existing messages are counted once when it is created.
enum PostgresStatisticsRollup {
    /// The dimensions and the value each stores, over a row named `m` (SQLite's expressions).
    private static let dimensions = """
        CROSS JOIN LATERAL (VALUES ('all', ''), ('provider', coalesce(m.provider, '')), ('carrier', substr(m.recipient, 1, 5)),
                                   ('commune', m.commune), ('locale', m.locale), ('kind', m.kind)) AS d(dimension, value)
        """

    /// Adds `rows` (columns created_at, state, provider, recipient, commune, locale, kind,
    /// segments, sign: 1 to count a message in, -1 to count it out) to the rollup; `sharded`
    /// (v19) into the cells of this connection's shard.
    /// `changesOnly`: cells whose rows cancel out (a message counted out and back into the same
    /// cell) are left alone.
    private static func apply(_ rows: String, sharded: Bool = false, changesOnly: Bool = false) -> String {
        let shard = sharded ? ", shard" : ""
        return """
        INSERT INTO message_hours AS h (dimension, hour, value, state\(shard), messages, segments)
            SELECT d.dimension, m.created_at / 3600000, d.value, m.state\(sharded ? ", (pg_backend_pid() % \(shards))::smallint" : ""),
                   SUM(m.sign), SUM(m.sign * m.segments)
            FROM (\(rows)) AS m \(dimensions)
            GROUP BY 1, 2, 3, 4\(changesOnly ? " HAVING SUM(m.sign) <> 0 OR SUM(m.sign * m.segments) <> 0" : "") ORDER BY 1, 2, 3, 4
            ON CONFLICT (dimension, hour, value, state\(shard))
            DO UPDATE SET messages = h.messages + excluded.messages, segments = h.segments + excluded.segments;
        """
    }

    private static let columns = "created_at, state, provider, recipient, commune, locale, kind, segments"

    private static func function(_ name: String, _ body: String) -> String {
        """
        CREATE OR REPLACE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            \(body)
            RETURN NULL;
        END
        $$
        """
    }

    static let statements = [
        """
        CREATE TABLE message_hours (
            dimension TEXT NOT NULL,
            hour BIGINT NOT NULL,
            value TEXT NOT NULL,
            state TEXT NOT NULL,
            messages BIGINT NOT NULL,
            segments BIGINT NOT NULL,
            PRIMARY KEY (dimension, hour, value, state)
        )
        """,
        apply("SELECT \(columns), 1 AS sign FROM messages"),
    ] + functions(sharded: false) + [
        """
        CREATE TRIGGER message_hours_insert AFTER INSERT ON messages
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loa_message_hours_insert()
        """,
        """
        CREATE TRIGGER message_hours_update AFTER UPDATE ON messages
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loa_message_hours_update()
        """,
        """
        CREATE TRIGGER message_hours_delete AFTER DELETE ON messages
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loa_message_hours_delete()
        """,
    ]

    /// How many cells each (dimension, hour, value, state) is spread over.
    static let shards = 32

    /// Migration v19-rollup-shards: each cell of the rollup split into ``shards`` rows by the
    /// writing connection (`pg_backend_pid() % shards`), readers adding them up. With one row
    /// per cell, every transaction that changed a message's state waited for the others on the
    /// same hot cells (`all`, this hour, `sending`…): seen as `Lock:transactionid` waits in
    /// `pg_stat_activity` and 1.4 ms per rollup upsert under `loa-bench delivery --database postgres`.
    static let shardStatements = [
        "ALTER TABLE message_hours ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0",
        "ALTER TABLE message_hours DROP CONSTRAINT message_hours_pkey",
        "ALTER TABLE message_hours ADD PRIMARY KEY (dimension, hour, value, state, shard)",
    ] + functions(sharded: true)

    /// Migration v22-rollup-linear-update: the update trigger counts every old row out and every
    /// new row in, and leaves the cells where that cancels out (rows whose counted columns did not
    /// change), instead of joining the old rows to the new by id to find the changed ones.
    /// PL/pgSQL plans that join once per connection, for the first statement's transition
    /// tables, and keeps the plan: a nested loop over both, fine for one row, quadratic for
    /// many (200 rows took 0.7 s, 2,000 rows 38 s), which batches of submit answers and lease
    /// renewals are. Same counts; a cell whose changes cancel out is not written with 0.
    static let linearUpdateStatements = [
        function("loa_message_hours_update", apply("""
            SELECT \(columns), -1 AS sign FROM old_rows UNION ALL SELECT \(columns), 1 AS sign FROM new_rows
            """, sharded: true, changesOnly: true)),
    ]

    /// The trigger functions, writing one cell per key or (`sharded`) per key and shard.
    private static func functions(sharded: Bool) -> [String] {
        [
            function("loa_message_hours_insert", apply("SELECT \(columns), 1 AS sign FROM new_rows", sharded: sharded)),
            function("loa_message_hours_delete", apply("SELECT \(columns), -1 AS sign FROM old_rows", sharded: sharded)),
            function("loa_message_hours_update", apply("""
                SELECT r.* FROM old_rows o JOIN new_rows n USING (id)
                CROSS JOIN LATERAL (VALUES (o.created_at, o.state, o.provider, o.recipient, o.commune, o.locale, o.kind, o.segments, -1),
                                           (n.created_at, n.state, n.provider, n.recipient, n.commune, n.locale, n.kind, n.segments, 1))
                    AS r(created_at, state, provider, recipient, commune, locale, kind, segments, sign)
                WHERE o.state IS DISTINCT FROM n.state OR o.provider IS DISTINCT FROM n.provider OR o.segments IS DISTINCT FROM n.segments
                   OR substr(o.recipient, 1, 5) IS DISTINCT FROM substr(n.recipient, 1, 5) OR o.locale IS DISTINCT FROM n.locale
                """, sharded: sharded)),
        ]
    }
}
