public import Foundation
import LoaCore
public import LoaStore
import PostgresNIO

extension PostgresStore: LeaseRenewal {
    public func renewLeases(_ messageIds: [String], owner: String, until: Date) async throws -> Int {
        guard !messageIds.isEmpty else { return 0 }
        let untilMs = until.epochMilliseconds
        let logger = logger
        return try await write { connection in
            try await connection.changed("""
                UPDATE messages SET lease_expires_at = \(untilMs)
                WHERE id = ANY(\(messageIds)) AND state = 'sending' AND lease_owner = \(owner)
                RETURNING 1
                """, logger: logger)
        }
    }
}
