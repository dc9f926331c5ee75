public import Foundation
public import LoaCore
public import LoaProviders

extension HTTPProvider {
    /// A callback with its parameters in the query only.
    public func parseReceipt(parameters: [String: String], receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt {
        try parseReceipt(ReceiptCallback(method: "GET", query: parameters), receivedAt: receivedAt)
    }

    /// Checks, in order: the signed callback URL (message id, attempt, expiry); the provider's
    /// own proof (Twilio's signature, a shared-secret header) when configured; then reads the
    /// provider's message id and status from the query, a form body or a JSON body.
    public func parseReceipt(_ callback: ReceiptCallback, receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt {
        guard let rules = description.receipt, let signer else {
            throw ReceiptCallbackError(parameter: "provider", message: "\(name) is configured without receipts (providers.\(name).receipt)")
        }
        let (messageId, attempt) = try signer.verify(callback.query, receivedAt: receivedAt)
        guard let read = CallbackFields(callback) else {
            throw ReceiptCallbackError(parameter: "body", message: "the report body is not JSON")
        }
        if let failure = rules.proof?.failure(of: callback, calledURL: signer.endpoint, form: read.form) {
            throw ReceiptCallbackError(parameter: failure.parameter, message: "the report is not the provider's: \(failure.message)", reason: .forged)
        }
        let fields = read.fields
        guard let providerStatus = fields[rules.statusField], !providerStatus.isEmpty else {
            throw ReceiptCallbackError(parameter: rules.statusField, message: "the report carries no \(rules.statusField)")
        }
        let status = rules.statuses[providerStatus] ?? .unknown
        let error = rules.errorField.flatMap { fields[$0] }.flatMap { $0.isEmpty ? nil : " error \($0)" } ?? ""
        return DeliveryReceipt(
            provider: name, messageId: messageId, attempt: attempt,
            providerMessageId: fields[rules.messageIdField].map { ProviderAnswer.sanitized($0, maxBytes: 128) },
            status: status, detail: ProviderAnswer.sanitized("\(name) status \(providerStatus)\(error)"), receivedAt: receivedAt)
    }
}
