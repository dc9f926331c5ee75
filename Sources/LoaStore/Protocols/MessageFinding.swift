public import Foundation
public import LoaCore

/// Finding messages for operators who look for one resident or for what went wrong.
public protocol MessageFinding: Sendable {
    /// The messages sent to `recipient` (E.164), newest first, at most `limit`.
    func messages(recipient: String, limit: Int) async throws -> [StoredMessage]

    /// Messages created since `createdSince` now in one of `states`, newest first, at most `limit`.
    func messages(in states: Set<MessageState>, createdSince: Date, limit: Int) async throws -> [StoredMessage]
}
