public import Foundation
public import LoaCore

/// What the store keeps beside a message held for a text review (``LoaCore/WaitReason/textReview``):
/// which exact text it waits to have reviewed, when it would have gone, and the Vietnamese text an
/// operator may send instead. Written with the message (``StoredMessage/textReviewHold``) and
/// dropped once the message is released, cancelled or expired.
public struct TextReviewHold: Sendable, Equatable {
    /// SHA-256 of the unreviewed template text the message carries; a review of exactly this
    /// text releases it (``ApprovedText``).
    public var textSHA256: String
    /// When the message would have gone had it not been held (quiet hours and schedule applied).
    public var dueAt: Date
    /// The text that goes instead when an operator releases it in Vietnamese.
    public var alternative: AlternativeText

    /// Creates one.
    public init(textSHA256: String, dueAt: Date, alternative: AlternativeText) {
        self.textSHA256 = textSHA256
        self.dueAt = dueAt
        self.alternative = alternative
    }

    /// A rendered text in another locale: what it says, in which encoding, in how many parts.
    public struct AlternativeText: Sendable, Equatable {
        public var locale: MessageLocale
        /// Never logged at info level.
        public var text: String
        public var encoding: SMSEncoding
        public var segments: Int

        /// Creates one.
        public init(locale: MessageLocale, text: String, encoding: SMSEncoding, segments: Int) {
            self.locale = locale
            self.text = text
            self.encoding = encoding
            self.segments = segments
        }
    }
}
