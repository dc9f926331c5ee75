import Crypto
public import Foundation
public import LoaCore

/// What residents send, as Kannel's `sms-service` hands it over: a `get-url` such as
///
/// ```
/// get-url = "http://127.0.0.1:8080/v1/providers/kannel/inbound?key=SECRET&id=%I&from=%p&to=%P&text=%b&coding=%c&charset=%C"
/// ```
///
/// with `max-messages = 0`, so that Kannel sends the resident nothing back itself (answers go
/// through Loa's outbox).
extension KannelProvider: InboundCallbackParsing {
    public var takesInboundCallbacks: Bool { inboundKeyDigest != nil }

    /// Checks, in order: `key` is `providers.<name>.inboundSecret` (`forged` otherwise, before
    /// anything else is read); `from` (`%p`) is a phone number; `to` (`%P`) is present; `text`
    /// (`%b`) decodes in its `charset` (`%C`) or, without one, by its `coding` (`%c`).
    /// `id` (`%I`, Kannel's id for the message) makes a repeated hand-over recognisable.
    public func parseInbound(_ callback: ReceiptCallback, receivedAt: Date) throws(InboundCallbackError) -> InboundMessage {
        guard let expected = inboundKeyDigest, let presented = callback.query["key"],
              Array(SHA256.hash(data: Array(presented.utf8))).isConstantTimeEqual(to: expected) else {
            throw InboundCallbackError(
                parameter: "key",
                message: "the key is missing or wrong: the sms-service get-url must carry key=<providers.\(name).inboundSecret>",
                reason: .forged)
        }
        guard let fromText = callback.query["from"], !fromText.isEmpty else {
            throw InboundCallbackError(parameter: "from", message: "the sender is missing: the get-url must pass from=%p")
        }
        let from: PhoneNumber
        do {
            from = try PhoneNumber(parsing: fromText, allowForeign: true)
        } catch {
            throw InboundCallbackError(parameter: "from", message: "the sender is not a phone number Loa can answer: \(error.message)")
        }
        guard let to = callback.query["to"], !to.isEmpty, to.utf8.count <= KannelProvider.maxRecipientBytes else {
            throw InboundCallbackError(
                parameter: "to", message: "the number the message was sent to is missing or longer than \(KannelProvider.maxRecipientBytes) bytes: the get-url must pass to=%P")
        }
        guard let textBytes = KannelInboundText.percentDecodedValue(of: "text", inQuery: callback.rawQuery) else {
            throw InboundCallbackError(parameter: "text", message: "the text is missing: the get-url must pass text=%b")
        }
        let text = try KannelInboundText.decode(textBytes, charset: callback.query["charset"], coding: callback.query["coding"])
        let id = callback.query["id"].flatMap { $0.isEmpty ? nil : $0 }
        return InboundMessage(provider: name, providerMessageId: id, from: from, to: to, text: text, receivedAt: receivedAt)
    }

    /// The longest `to` taken: a short code or a number is a few digits.
    static let maxRecipientBytes = 32
}
