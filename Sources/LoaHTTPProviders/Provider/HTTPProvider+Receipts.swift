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
        var fields = callback.query
        var formParameters: [String: String] = [:]
        if !callback.body.isEmpty {
            if callback.mediaType == "application/json" {
                guard let document = JSONFields.parse(callback.body) else {
                    throw ReceiptCallbackError(parameter: "body", message: "the report body is not JSON")
                }
                fields.merge(document.flattened) { $1 }
            } else {
                formParameters = FormEncoding.decode(String(decoding: callback.body, as: UTF8.self))
                fields.merge(formParameters) { $1 }
            }
        }
        switch rules.authentication {
        case .signedURL:
            break
        case .twilioSignature(let authToken):
            let url = signer.endpoint + (callback.rawQuery.isEmpty ? "" : "?" + callback.rawQuery)
            let expected = TwilioSignature.sign(url: url, parameters: formParameters, authToken: authToken)
            guard let presented = callback.headers["x-twilio-signature"], Array(presented.utf8).isConstantTimeEqual(to: Array(expected.utf8)) else {
                throw ReceiptCallbackError(parameter: "X-Twilio-Signature", message: "the report's X-Twilio-Signature does not sign its URL and parameters", reason: .forged)
            }
        case .sharedSecretHeader(let header, let secret):
            guard let presented = callback.headers[header.lowercased()], Array(presented.utf8).isConstantTimeEqual(to: Array(secret.utf8)) else {
                throw ReceiptCallbackError(parameter: header, message: "the report's \(header) header does not carry the shared secret", reason: .forged)
            }
        }
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
