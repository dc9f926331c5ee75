public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func insert(_ key: APIKey) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, role, commune, secret_hash, created_at, revoked_at,
                                      scope_sources, scope_communes, signing_secret_sealed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    key.id, key.name, key.role.rawValue, key.commune, key.secretHash,
                    key.createdAt.epochMilliseconds, key.revokedAt?.epochMilliseconds,
                    try APIKey.scopeColumn(key.ingestScope.sources), try APIKey.scopeColumn(key.ingestScope.communes),
                    key.sealedSigningSecret,
                ])
        }
    }

    public func activeKey(secretHash: String) async throws -> APIKey? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL
                """), arguments: [secretHash]).map(APIKey.init(row:))
        }
    }

    public func keys() async throws -> [APIKey] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(APIKey.init(row:))
        }
    }

    public func revokeKey(id: String, at date: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [date.epochMilliseconds, id])
            return db.changesCount > 0
        }
    }
}

extension APIKey {
    init(row: Row) throws {
        guard let role = Role(rawValue: row["role"]) else {
            throw StoreCorruption("key \(row["id"] as String) has unknown role \(row["role"] as String)")
        }
        self.init(
            id: row["id"], name: row["name"], role: role, commune: row["commune"], secretHash: row["secret_hash"],
            createdAt: Date(epochMilliseconds: row["created_at"]),
            revokedAt: (row["revoked_at"] as Int64?).map(Date.init(epochMilliseconds:)),
            ingestScope: IngestScope(
                sources: try APIKey.scopeValues(row["scope_sources"], column: "scope_sources", keyId: row["id"]),
                communes: try APIKey.scopeValues(row["scope_communes"], column: "scope_communes", keyId: row["id"])),
            sealedSigningSecret: row["signing_secret_sealed"])
    }

    /// A scope list as stored: a JSON array of strings, or NULL when it allows anything.
    static func scopeColumn(_ values: [String]) throws -> String? {
        values.isEmpty ? nil : String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// A stored scope list back as values (empty for NULL).
    static func scopeValues(_ stored: String?, column: String, keyId: String) throws -> [String] {
        guard let stored else { return [] }
        guard let values = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)) else {
            throw StoreCorruption("key \(keyId) has an unreadable \(column): \(stored)")
        }
        return values
    }
}
