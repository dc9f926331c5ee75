import Foundation
import GRDB
import LoaCore

extension TextReviewHold {
    /// Migration v17-text-review-holds: what is kept beside a message held for a text review.
    static let sqliteMigration = """
        CREATE TABLE text_review_holds (
            message_id TEXT PRIMARY KEY NOT NULL,
            text_sha256 TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            alternative_locale TEXT NOT NULL,
            alternative_text TEXT NOT NULL,
            alternative_encoding TEXT NOT NULL,
            alternative_segments INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX text_review_holds_by_text ON text_review_holds(text_sha256);
        """

    static let columns = "text_sha256, due_at, alternative_locale, alternative_text, alternative_encoding, alternative_segments"

    /// Reads a row of ``columns`` by position.
    init(row: Row) throws {
        guard let encoding = SMSEncoding(rawValue: row[4]) else {
            throw StoreCorruption("a text review hold has an unknown encoding")
        }
        self.init(
            textSHA256: row[0], dueAt: Date(epochMilliseconds: row[1]),
            alternative: AlternativeText(locale: MessageLocale(rawValue: row[2]), text: row[3], encoding: encoding, segments: row[5]))
    }

    /// Inserts the hold of message `messageId`.
    func insert(messageId: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO text_review_holds (message_id, \(TextReviewHold.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                messageId, textSHA256, dueAt.epochMilliseconds, alternative.locale.rawValue, alternative.text,
                alternative.encoding.rawValue, alternative.segments,
            ])
    }
}
