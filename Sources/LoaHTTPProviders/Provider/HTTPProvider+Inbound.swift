public import Foundation
public import LoaCore
public import LoaProviders

/// What residents send, as the provider's incoming-message webhook hands it over
/// (`providers.<name>.inbound`, e.g. Twilio's form `POST` with `From`, `To`, `Body`,
/// `MessageSid`, signed in `X-Twilio-Signature`).
extension HTTPProvider: InboundCallbackParsing {
    public var takesInboundCallbacks: Bool { description.inbound != nil }

    /// Checks, in order: the provider's proof (`forged` otherwise, before any field is read);
    /// the sender is a phone number; the number written to and the text are present. The
    /// provider's message id, when configured, makes a repeated hand-over recognisable.
    public func parseInbound(_ callback: ReceiptCallback, receivedAt: Date) throws(InboundCallbackError) -> InboundMessage {
        guard let rules = description.inbound else {
            throw InboundCallbackError(parameter: "provider", message: "\(name) is configured without inbound messages (providers.\(name).inbound)")
        }
        guard let read = CallbackFields(callback) else {
            throw InboundCallbackError(parameter: "body", message: "the body is declared JSON but is not")
        }
        if let failure = rules.proof.failure(of: callback, calledURL: rules.endpoint, form: read.form) {
            throw InboundCallbackError(parameter: failure.parameter, message: "the call is not \(name)'s: \(failure.message)", reason: .forged)
        }
        let fields = read.fields
        guard let fromText = fields[rules.fromField], !fromText.isEmpty else {
            throw InboundCallbackError(parameter: rules.fromField, message: "the sender is missing: the call carries no \(rules.fromField)")
        }
        let from: PhoneNumber
        do {
            from = try PhoneNumber(parsing: fromText, allowForeign: true)
        } catch {
            throw InboundCallbackError(parameter: rules.fromField, message: "the sender is not a phone number Loa can answer: \(error.message)")
        }
        guard let to = fields[rules.toField], !to.isEmpty, to.utf8.count <= HTTPProvider.maxRecipientBytes else {
            throw InboundCallbackError(
                parameter: rules.toField, message: "the number written to is missing or longer than \(HTTPProvider.maxRecipientBytes) bytes")
        }
        guard let text = fields[rules.textField] else {
            throw InboundCallbackError(parameter: rules.textField, message: "the text is missing: the call carries no \(rules.textField)")
        }
        let id = rules.messageIdField.flatMap { fields[$0] }.flatMap { $0.isEmpty ? nil : ProviderAnswer.sanitized($0, maxBytes: 128) }
        return InboundMessage(provider: name, providerMessageId: id, from: from, to: to, text: text, receivedAt: receivedAt)
    }

    public var inboundAcknowledgement: InboundAcknowledgement { description.inbound?.acknowledgement ?? .empty }

    /// The longest number written to that is taken: a short code or a number is a few digits.
    static let maxRecipientBytes = 32
}
