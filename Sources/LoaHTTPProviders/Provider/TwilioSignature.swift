import Crypto
import Foundation

/// Twilio's request signature, as its webhook security documentation describes it: the full
/// URL Twilio called (query included), then, for a form `POST`, each parameter's name and value
/// appended with no separator, sorted by name; HMAC-SHA1 of that keyed with the account's auth
/// token; base64.
public enum TwilioSignature {
    /// The `X-Twilio-Signature` value for a request.
    public static func sign(url: String, parameters: [String: String], authToken: String) -> String {
        var signed = url
        for name in parameters.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            signed += name
            signed += parameters[name] ?? ""
        }
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(authToken.utf8)))
        return Data(code).base64EncodedString()
    }
}
