/// Migration v13-statistics on PostgreSQL: the indexes statistics and the dashboard read through
/// (by creation, by commune and creation, by recipient) and the `secrets` table of
/// ``SecretKeeping``. The hourly rollup came later (``PostgresStatisticsRollup``).
enum PostgresStatisticsSchema {
    static let statements = [
        "CREATE INDEX messages_by_creation ON messages(created_at)",
        "CREATE INDEX messages_by_commune_creation ON messages(commune, created_at)",
        "CREATE INDEX messages_by_recipient ON messages(recipient, created_at) WHERE recipient <> ''",
        """
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY NOT NULL,
            value BYTEA NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
    ]
}
