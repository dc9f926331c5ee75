public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func insert(_ key: APIKey) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, role, commune, secret_hash, created_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    key.id, key.name, key.role.rawValue, key.commune, key.secretHash,
                    key.createdAt.epochMilliseconds, key.revokedAt?.epochMilliseconds,
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
            revokedAt: (row["revoked_at"] as Int64?).map(Date.init(epochMilliseconds:)))
    }
}
