import Foundation
import GRDB
import LoaCore

/// The sandbox's reports that are not due yet, kept in a SQLite file of the sandbox's own, as a
/// real provider keeps its reports across Loa's restarts: after `kill -9`, a new sandbox on the
/// same file delivers them.
///
/// The file is the simulated provider's, not Loa's: Loa's store, its backups and its purge
/// never see it, and it holds no phone number or text (only the sandbox's message ids and the
/// report each gets). Commits survive a crash of the process (WAL, `synchronous = NORMAL`),
/// not a power loss, which is all the sandbox rehearses.
///
/// ```swift
/// let queue = try SandboxReceiptQueue(path: "loa.sqlite-sandbox-receipts.sqlite")
/// let sandbox = SandboxProvider(name: "sandbox", settings: settings, receipts: queue, sink: sink)
/// ```
public final class SandboxReceiptQueue: Sendable {
    /// One scheduled report and its place in the queue.
    struct Entry: Sendable, Equatable {
        /// The queue's own id for the entry.
        var id: Int64
        var dueAt: Date
        var receipt: DeliveryReceipt
    }

    private let database: DatabaseQueue

    /// Opens (creating if needed) the queue kept at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS scheduled_receipts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    due_at INTEGER NOT NULL,
                    provider TEXT NOT NULL,
                    message_id TEXT,
                    attempt INTEGER,
                    provider_message_id TEXT,
                    status TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS scheduled_receipts_due ON scheduled_receipts(due_at);
                """)
        }
    }

    /// Keeps `receipt` until `dueAt`; committed when this returns.
    func schedule(_ receipt: DeliveryReceipt, dueAt: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO scheduled_receipts (due_at, provider, message_id, attempt, provider_message_id, status, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    dueAt.epochMilliseconds, receipt.provider, receipt.messageId, receipt.attempt,
                    receipt.providerMessageId, receipt.status.rawValue, receipt.detail,
                ])
        }
    }

    /// Up to `limit` entries due at `now`, earliest first; they stay queued until ``remove(_:)``.
    func due(at now: Date, limit: Int) async throws -> [Entry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, due_at, provider, message_id, attempt, provider_message_id, status, detail
                FROM scheduled_receipts WHERE due_at <= ? ORDER BY due_at, id LIMIT ?
                """, arguments: [now.epochMilliseconds, limit]).compactMap { row in
                guard let status = ReceiptStatus(rawValue: row["status"]) else { return nil }
                let dueAt = Date(epochMilliseconds: row["due_at"])
                return Entry(id: row["id"], dueAt: dueAt, receipt: DeliveryReceipt(
                    provider: row["provider"], messageId: row["message_id"], attempt: row["attempt"],
                    providerMessageId: row["provider_message_id"], status: status, detail: row["detail"], receivedAt: dueAt))
            }
        }
    }

    /// Forgets delivered entries.
    func remove(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await database.write { db in
            for id in ids {
                try db.execute(sql: "DELETE FROM scheduled_receipts WHERE id = ?", arguments: [id])
            }
        }
    }

    /// Moves entries the sink refused to `dueAt`, to be tried again then.
    func postpone(_ ids: [Int64], to dueAt: Date) async throws {
        guard !ids.isEmpty else { return }
        try await database.write { db in
            for id in ids {
                try db.execute(sql: "UPDATE scheduled_receipts SET due_at = ? WHERE id = ?", arguments: [dueAt.epochMilliseconds, id])
            }
        }
    }
}
