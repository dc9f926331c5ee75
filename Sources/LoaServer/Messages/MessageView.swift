import Foundation
import LoaCore
import LoaStore

/// A message as officers and operators see it: the recipient masked, never in full.
struct MessageView: Encodable {
    let id: String
    let dossierCode: String
    let commune: String
    let kind: String
    let locale: String
    let priority: String
    let to: String
    let text: String
    let encoding: String
    let segments: Int
    let state: String
    let attempts: Int
    let provider: String?
    let lastError: String?
    let createdAt: Date
    let updatedAt: Date
    let expiresAt: Date
    let retryOf: String?
    /// Not sent before this instant.
    let notBefore: Date
    /// What a pending message waits for until `notBefore` (``WaitReason``); absent once due.
    let waitingFor: String?
    /// Present when the message carried a text no native speaker had reviewed (`sent`), or the
    /// Vietnamese text in place of one (`replaced`, the `hold` policy).
    let unreviewedText: UnreviewedTextView?

    init(_ message: StoredMessage, now: Date = Date()) {
        id = message.id
        dossierCode = message.dossierCode
        commune = message.commune
        kind = message.kind.rawValue
        locale = message.locale.rawValue
        priority = message.priority.rawValue
        to = (try? PhoneNumber(e164: message.recipient).masked) ?? "***"
        text = message.text
        encoding = message.encoding.rawValue
        segments = message.segments
        state = message.state.rawValue
        attempts = message.attempts
        provider = message.provider
        lastError = message.lastError
        createdAt = message.createdAt
        updatedAt = message.updatedAt
        expiresAt = message.expiresAt
        retryOf = message.retryOf
        notBefore = message.notBefore
        waitingFor = message.waitingFor(at: now)?.rawValue
        unreviewedText = message.unreviewedLocale.map { UnreviewedTextView(locale: $0, messageLocale: message.locale) }
    }
}

/// `{"locale": "hmn", "action": "sent" | "replaced"}`: which locale's text was unreviewed, and
/// whether the message carried it anyway or the text of its own `locale` instead.
struct UnreviewedTextView: Encodable {
    let locale: String
    let action: String

    init(locale: MessageLocale, messageLocale: MessageLocale) {
        self.locale = locale.rawValue
        action = locale == messageLocale ? "sent" : "replaced"
    }
}

/// `{"messages": [...]}`.
struct MessageList: Encodable {
    let messages: [MessageView]
}
