public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func secret(named name: String, createdWith make: @Sendable () -> Data) async throws -> Data {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                arguments: [name, make(), Date().epochMilliseconds])
            guard let value = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) else {
                throw StoreCorruption("secret \(name) was not kept")
            }
            return value
        }
    }
}
