import Foundation
import LoaCore
import LoaStore
import Logging
import PostgresNIO

/// Migration v17-text-review-holds, as SQLite's: what is kept beside a message held for a text
/// review (``TextReviewHold``; SQLite's rollup trigger change has nothing to mirror here).
enum PostgresTextReviewHoldsSchema {
    static let statements = [
        """
        CREATE TABLE text_review_holds (
            message_id TEXT PRIMARY KEY NOT NULL,
            text_sha256 TEXT NOT NULL,
            due_at BIGINT NOT NULL,
            alternative_locale TEXT NOT NULL,
            alternative_text TEXT NOT NULL,
            alternative_encoding TEXT NOT NULL,
            alternative_segments BIGINT NOT NULL
        )
        """,
        "CREATE INDEX text_review_holds_by_text ON text_review_holds(text_sha256)",
    ]
}

extension TextReviewHold {
    static let postgresColumns = "text_sha256, due_at, alternative_locale, alternative_text, alternative_encoding, alternative_segments"

    init(postgresRow row: PostgresRandomAccessRow) throws {
        guard let encoding = SMSEncoding(rawValue: try row[4].decode(String.self)) else {
            throw StoreCorruption("a text review hold has an unknown encoding")
        }
        self.init(
            textSHA256: try row[0].decode(String.self), dueAt: Date(epochMilliseconds: try row[1].decode(Int64.self)),
            alternative: AlternativeText(
                locale: MessageLocale(rawValue: try row[2].decode(String.self)), text: try row[3].decode(String.self),
                encoding: encoding, segments: try row[5].decode(Int.self)))
    }

    /// Inserts the hold of message `messageId`.
    func insert(messageId: String, _ connection: PostgresSession, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO text_review_holds (message_id, text_sha256, due_at, alternative_locale, alternative_text,
                alternative_encoding, alternative_segments)
            VALUES (\(messageId), \(textSHA256), \(dueAt.epochMilliseconds), \(alternative.locale.rawValue), \(alternative.text),
                \(alternative.encoding.rawValue), \(alternative.segments))
            """, logger: logger)
    }
}
