public import LoaCore

/// How to read a provider's answer to a send request and classify it: where its message id,
/// result code and error text are (dotted JSON paths), which result codes mean success and
/// which are worth retrying, which HTTP statuses are transient. A pure decision, tested without
/// a network.
///
/// Order: a transient HTTP status (429, 5xx, 408 by default) is transient whatever the body;
/// another non-2xx status is permanent unless its result code is listed transient; a 2xx answer
/// is accepted when it has no result code to check or its code is a success code, transient
/// when its code is listed transient, and permanent otherwise.
public struct AnswerRules: Sendable, Equatable {
    /// Where the provider's message id is; nil when the API gives none (Loa's reference is used).
    public var messageIdPath: String?
    /// Where the result code of a 2xx answer is; nil when the HTTP status alone decides.
    public var codePath: String?
    /// Where the error code of a non-2xx answer is (Twilio's `code`); ``codePath`` when nil.
    public var errorCodePath: String?
    /// Where a human-readable error is, for operators.
    public var errorPath: String?
    /// Result codes that mean the message was taken.
    public var successCodes: Set<String>
    /// Result codes worth retrying later (system busy, rate limited, internal error).
    public var transientCodes: Set<String>
    /// HTTP statuses worth retrying later.
    public var transientStatuses: Set<Int>
    /// The header that says how many seconds to wait before trying again.
    public var retryAfterHeader: String

    /// The default transient statuses: request timeout, too early, too many requests, 5xx.
    public static let defaultTransientStatuses: Set<Int> = Set([408, 425, 429]).union(500...599)

    /// Creates rules.
    public init(
        messageIdPath: String?, codePath: String? = nil, errorCodePath: String? = nil, errorPath: String? = nil, successCodes: Set<String> = [],
        transientCodes: Set<String> = [], transientStatuses: Set<Int> = AnswerRules.defaultTransientStatuses,
        retryAfterHeader: String = "Retry-After"
    ) {
        self.messageIdPath = messageIdPath
        self.codePath = codePath
        self.errorCodePath = errorCodePath
        self.errorPath = errorPath
        self.successCodes = successCodes
        self.transientCodes = transientCodes
        self.transientStatuses = transientStatuses
        self.retryAfterHeader = retryAfterHeader
    }

    /// What an accepted answer says.
    public struct Accepted: Sendable, Equatable {
        /// The provider's id for the message; nil when the answer has none.
        public var providerMessageId: String?
        /// The result code, when there is one.
        public var code: String?
    }

    /// Classifies one answer of `provider` (its name, for messages).
    /// - Throws: ``SubmitFailure``: `throttled` (429), `http_<status>`, `provider_<code>`,
    ///   `unreadable_answer` (a 2xx whose result code cannot be found).
    public func interpret(
        status: Int, body: [UInt8], retryAfterSeconds: Double?, provider: String
    ) throws(SubmitFailure) -> Accepted {
        let document = JSONFields.parse(body)
        let isSuccess = (200..<300).contains(status)
        let code = (isSuccess ? codePath : errorCodePath ?? codePath).flatMap { document?.value(at: $0) }
        let said = errorPath.flatMap { document?.value(at: $0) } ?? (document == nil ? String(decoding: body.prefix(512), as: UTF8.self) : "")
        let detail = AnswerRules.maskingNumbers(ProviderAnswer.sanitized(
            [code.map { "code \($0)" }, said.isEmpty ? nil : said].compactMap { $0 }.joined(separator: ": ")))
        let quoted = detail.isEmpty ? "" : " (\(detail))"
        if transientStatuses.contains(status) {
            throw .transient(status == 429 ? "throttled" : "http_\(status)", "\(provider) answered HTTP \(status)\(quoted)", retryAfterSeconds: retryAfterSeconds)
        }
        guard isSuccess else {
            if let code, transientCodes.contains(code) {
                throw .transient("provider_\(code)", "\(provider) answered HTTP \(status)\(quoted)", retryAfterSeconds: retryAfterSeconds)
            }
            let failure = code.map { "provider_\($0)" } ?? "http_\(status)"
            throw .permanent(status == 401 || status == 403 ? "\(provider)_auth" : failure, "\(provider) refused the message with HTTP \(status)\(quoted)")
        }
        if let codePath {
            guard let code else {
                throw .transient("unreadable_answer", "\(provider) answered HTTP \(status) without a result code at '\(codePath)'\(quoted)")
            }
            if transientCodes.contains(code) {
                throw .transient("provider_\(code)", "\(provider) could not take the message now\(quoted)", retryAfterSeconds: retryAfterSeconds)
            }
            guard successCodes.contains(code) else {
                throw .permanent("provider_\(code)", "\(provider) refused the message\(quoted)")
            }
        }
        let providerMessageId = messageIdPath.flatMap { document?.value(at: $0) }.map { ProviderAnswer.sanitized($0, maxBytes: 128) }
        return Accepted(providerMessageId: providerMessageId?.isEmpty == false ? providerMessageId : nil, code: code)
    }

    /// `text` with every run of 7 or more digits (a phone number the provider echoes) masked
    /// but for its last three digits, as ``PhoneNumber/masked`` shows numbers.
    static func maskingNumbers(_ text: String) -> String {
        var masked = ""
        var digits = ""
        func flush() {
            masked += digits.count >= 7 ? String(repeating: "*", count: digits.count - 3) + digits.suffix(3) : digits
            digits = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                masked.append(character)
            }
        }
        flush()
        return masked
    }
}
