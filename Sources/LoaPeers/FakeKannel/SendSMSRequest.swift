import Foundation

/// A `GET /cgi-bin/sendsms?…` request as Kannel's smsbox reads it.
struct SendSMSRequest {
    let parameters: [String: String]

    /// Parses the query of `uri`; nil unless the path is `/cgi-bin/sendsms`.
    init?(uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.first == "/cgi-bin/sendsms" else { return nil }
        parameters = parts.count > 1 ? SendSMSRequest.decodeQuery(parts[1]) : [:]
    }

    /// `application/x-www-form-urlencoded` pairs (`+` is a space); later repeats win.
    static func decodeQuery(_ query: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            result[decode(keyValue[0])] = keyValue.count > 1 ? decode(keyValue[1]) : ""
        }
        return result
    }

    /// Loa's message id, carried in the `dlr-url` query.
    var messageId: String? {
        guard let receiptURL = parameters["dlr-url"], let query = receiptURL.split(separator: "?", maxSplits: 1).dropFirst().first else {
            return nil
        }
        return SendSMSRequest.decodeQuery(query)["messageId"]
    }

    /// The `dlr-url` with Kannel's escapes expanded for a report of `type` (1 delivered).
    func receiptURL(type: Int, answer: String) -> String? {
        guard let template = parameters["dlr-url"], !template.isEmpty else { return nil }
        let encodedAnswer = answer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return template.replacingOccurrences(of: "%d", with: String(type)).replacingOccurrences(of: "%A", with: encodedAnswer)
    }
}
