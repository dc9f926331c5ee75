public import Foundation
import GRDB
import LoaCore

extension SQLiteStore: LeaseRenewal {
    public func renewLeases(_ messageIds: [String], owner: String, until: Date) async throws -> Int {
        guard !messageIds.isEmpty else { return 0 }
        let untilMs = until.epochMilliseconds
        return try await write { db in
            var renewed = 0
            for id in messageIds {
                try db.cachedStatement(sql: """
                    UPDATE messages SET lease_expires_at = ?
                    WHERE id = ? AND state = 'sending' AND lease_owner = ?
                    """).execute(arguments: [untilMs, id, owner])
                renewed += db.changesCount
            }
            return renewed
        }
    }
}
