import Foundation
public import LoaStore
import Logging
import PostgresNIO

/// `LISTEN/NOTIFY` on channel `loa_outbox`: every transaction that adds messages to the outbox
/// notifies once (delivered at commit, so nobody wakes for a rolled-back batch), and every
/// node's dispatcher listening wakes at once.
extension PostgresStore: NewMessageNotifications {
    /// The channel new messages are announced on.
    static let newMessagesChannel = "loa_outbox"

    public func listenForNewMessages(_ wake: @escaping @Sendable () -> Void) async throws {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: PostgresStore.newMessagesChannel) { notifications in
                        // Anything committed while not listening is found by the next poll; wake once now.
                        wake()
                        for try await _ in notifications { wake() }
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("lost the new-messages notifications; dispatchers poll until they are back", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Announces new messages to every listening node when the transaction commits.
    static func notifyNewMessages(_ connection: PostgresSession, _ logger: Logger) async throws {
        try await connection.query("SELECT pg_notify(\(newMessagesChannel), '')", logger: logger)
    }
}
