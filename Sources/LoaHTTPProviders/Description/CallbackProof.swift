import LoaCore
import LoaProviders

/// How a provider's callback (a delivery report or an inbound message) proves it comes from the
/// provider: the proofs HTTPS SMS APIs document, checked in constant time.
public enum CallbackProof: Sendable, Equatable {
    /// Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the URL
    /// called followed by each POST parameter's name and value, sorted by name.
    case twilioSignature(authToken: String)
    /// A header the provider sends with a shared secret as its value.
    case sharedSecretHeader(name: String, secret: String)

    /// The parameter at fault and why, or nil when `callback` carries the proof. `calledURL` is
    /// the URL the provider was told to call (its query as received appended); `form` the
    /// callback's form parameters.
    func failure(of callback: ReceiptCallback, calledURL: String, form: [String: String]) -> (parameter: String, message: String)? {
        switch self {
        case .twilioSignature(let authToken):
            let url = calledURL + (callback.rawQuery.isEmpty ? "" : "?" + callback.rawQuery)
            let expected = TwilioSignature.sign(url: url, parameters: form, authToken: authToken)
            guard let presented = callback.headers["x-twilio-signature"], Array(presented.utf8).isConstantTimeEqual(to: Array(expected.utf8)) else {
                return ("X-Twilio-Signature", "the X-Twilio-Signature does not sign \(calledURL) and the callback's parameters with the auth token")
            }
        case .sharedSecretHeader(let header, let secret):
            guard let presented = callback.headers[header.lowercased()], Array(presented.utf8).isConstantTimeEqual(to: Array(secret.utf8)) else {
                return (header, "the \(header) header does not carry the shared secret")
            }
        }
        return nil
    }
}

/// The fields of a callback: its query, then a form or JSON body over it (dotted names for
/// nested JSON), and the form parameters alone (what Twilio signs).
struct CallbackFields {
    var fields: [String: String]
    var form: [String: String]

    /// Reads `callback`; nil when its body is declared JSON but is not.
    init?(_ callback: ReceiptCallback) {
        fields = callback.query
        form = [:]
        guard !callback.body.isEmpty else { return }
        if callback.mediaType == "application/json" {
            guard let document = JSONFields.parse(callback.body) else { return nil }
            fields.merge(document.flattened) { $1 }
        } else {
            form = FormEncoding.decode(String(decoding: callback.body, as: UTF8.self))
            fields.merge(form) { $1 }
        }
    }
}
