import Crypto
public import Foundation
public import LoaCore
public import LoaHTTPClient
import NIOHTTP1

/// Sends through Kannel's HTTP `sendsms` interface, as Kannel documents it, understands the
/// delivery reports Kannel sends to the `dlr-url` Loa gives it, and reads what residents send
/// as Kannel's `sms-service` `get-url` hands it over (``parseInbound(_:receivedAt:)``).
///
/// Kannel returns no id of its own, so Loa's message id is the reference: it travels in the
/// `dlr-url` with the attempt number and an expiry, all three covered by an HMAC signature, and
/// comes back in every report. A report cannot be forged for another message or attempt, nor
/// replayed once ``KannelSettings/receiptValiditySeconds`` have passed since the submission.
///
/// ```swift
/// let kannel = try KannelProvider(name: "kannel", settings: settings)
/// let id = try await kannel.submit(request)
/// ```
public struct KannelProvider: SMSProvider, ReceiptCallbackParsing {
    public let name: String
    let settings: KannelSettings
    /// Keeps connections to smsbox open, up to `maxConnections`.
    private let client: KeepAliveHTTPClient
    /// The `dlr-url` signing key, derived once.
    private let receiptKey: SymmetricKey
    /// SHA-256 of ``KannelSettings/inboundSecret``, which a `get-url` call must present as `key`.
    let inboundKeyDigest: [UInt8]?
    /// Every request target starts with this (path, credentials, sender).
    private let targetPrefix: [UInt8]
    /// The clock that dates each `dlr-url`'s expiry.
    private let now: @Sendable () -> Date

    /// Creates an adapter with its own connections to smsbox; more than `maxConnections`
    /// submissions at once wait for a free one. Throws when `settings.sendURL` is not plain `http`.
    public init(
        name: String, settings: KannelSettings, maxConnections: Int = 512, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(HTTPClientFailure) {
        self.name = name
        self.settings = settings
        self.now = now
        client = KeepAliveHTTPClient(origin: try HTTPOrigin(settings.sendURL), maxConnections: maxConnections, maxBodyBytes: 64 * 1024)
        receiptKey = SymmetricKey(data: Data(settings.receiptSecret.utf8))
        inboundKeyDigest = settings.inboundSecret.map { Array(SHA256.hash(data: Array($0.utf8))) }
        targetPrefix = KannelProvider.targetPrefix(settings)
    }

    public func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
        let reply: HTTPReply
        do {
            reply = try await client.execute(HTTPRequest(target: sendTarget(for: request)), timeout: .seconds(settings.timeoutSeconds))
        } catch {
            throw .transient("kannel_unreachable", "Kannel did not answer: \(error)")
        }
        // Only a finite number of seconds, at most a day, is taken from outside.
        let retryAfter = reply.headers.first(name: "Retry-After").flatMap(Double.init)
            .flatMap { $0.isFinite && $0 >= 0 ? min($0, 86_400) : nil }
        return try KannelProvider.interpret(status: reply.status, body: reply.text, messageId: request.messageId, retryAfterSeconds: retryAfter)
    }

    /// The `sendsms` request target (path and query) for a request.
    package func sendTarget(for request: SubmitRequest) -> String {
        var target = targetPrefix
        target.reserveCapacity(targetPrefix.count + request.text.utf8.count * 3 + 300)
        KannelProvider.appendParameter("from", request.sender, to: &target)
        KannelProvider.appendParameter("to", request.to.e164, to: &target)
        KannelProvider.appendParameter("text", request.text, to: &target)
        KannelProvider.appendParameter("charset", "UTF-8", to: &target)
        KannelProvider.appendParameter("coding", request.encoding == .ucs2 ? "2" : "0", to: &target)
        KannelProvider.appendParameter("dlr-mask", String(settings.dlrMask), to: &target)
        let expires = Int64((now().timeIntervalSince1970 + settings.receiptValiditySeconds).rounded(.up))
        KannelProvider.appendParameter(
            "dlr-url", receiptURL(messageId: request.messageId, attempt: request.attempt, expires: expires), to: &target)
        return String(decoding: target, as: UTF8.self)
    }

    /// The start of every request target: the configured path and query, then the parameters
    /// that never change (the credentials).
    private static func targetPrefix(_ settings: KannelSettings) -> [UInt8] {
        let base = HTTPOrigin.target(of: settings.sendURL)
        var prefix = Array(base.utf8)
        prefix.append(base.contains("?") ? UInt8(ascii: "&") : UInt8(ascii: "?"))
        appendParameter("username", settings.username, to: &prefix, first: true)
        appendParameter("password", settings.password, to: &prefix)
        return prefix
    }

    /// The `dlr-url` for one attempt of a message: Loa's receipt endpoint with the message id,
    /// the attempt, the expiry (seconds since 1970, UTC) and their signature, then Kannel's `%d`
    /// (report type) and `%A` (SMSC answer) escapes.
    func receiptURL(messageId: String, attempt: Int, expires: Int64) -> String {
        let base = settings.receiptBaseURL.absoluteString.trimmingSuffix("/")
        let attempt = String(attempt), expires = String(expires)
        let signature = signature(messageId: messageId, attempt: attempt, expires: expires)
        return "\(base)/v1/providers/\(name)/receipts?messageId=\(messageId)&attempt=\(attempt)&expires=\(expires)&sig=\(signature)&type=%d&answer=%A"
    }

    /// The first 16 bytes of HMAC-SHA256 over `messageId`, `attempt` and `expires` (as written in
    /// the URL, each on its own line), in lowercase hex. The last two are digits only, so no two
    /// triples sign the same text.
    func signature(messageId: String, attempt: String, expires: String) -> String {
        var signed = Array(messageId.utf8)
        signed.append(UInt8(ascii: "\n"))
        signed += attempt.utf8
        signed.append(UInt8(ascii: "\n"))
        signed += expires.utf8
        return HMAC<SHA256>.authenticationCode(for: signed, using: receiptKey).prefix(16).lowercaseHex
    }

    /// Classifies Kannel's answer: `202 0: Accepted for delivery` and `202 3: Queued for later
    /// delivery` are accepted; `429` (from a proxy or gateway in front) is throttling, honouring
    /// `Retry-After`; other authentication and request errors are permanent; the rest transient.
    /// Kannel's own words travel into attempts, `lastError` and logs, so they are cleaned as
    /// every provider answer is (``ProviderAnswer``).
    package static func interpret(status: Int, body: String, messageId: String, retryAfterSeconds: Double? = nil) throws(SubmitFailure) -> String {
        let answer = ProviderAnswer.sanitized(body)
        switch status {
        case 200..<300:
            return messageId
        case 429:
            throw .transient("throttled", "Kannel asked to slow down (\(status) \(answer))", retryAfterSeconds: retryAfterSeconds)
        case 401, 403:
            throw .permanent("kannel_auth", "Kannel refused the credentials (\(status) \(answer)); check username/password")
        case 400..<500:
            throw .permanent("kannel_rejected", "Kannel rejected the request (\(status) \(answer))")
        case 503:
            throw .transient("kannel_unavailable", "Kannel is unavailable (\(status) \(answer))", retryAfterSeconds: retryAfterSeconds)
        default:
            throw .transient("http_\(status)", "Kannel answered \(status) \(answer)", retryAfterSeconds: retryAfterSeconds)
        }
    }

    /// Checks, in order: `messageId`, `attempt` (a whole number from 1) and `expires` (whole
    /// seconds) are present; `sig` signs the three; `expires` is not past at `receivedAt`;
    /// `type` is one of Kannel's DLR types.
    public func parseReceipt(parameters: [String: String], receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt {
        guard let messageId = parameters["messageId"], !messageId.isEmpty else {
            throw ReceiptCallbackError(parameter: "messageId", message: "the receipt names no messageId")
        }
        guard let attemptText = parameters["attempt"], let attempt = Int(attemptText), attempt >= 1 else {
            throw ReceiptCallbackError(parameter: "attempt", message: "attempt must be the attempt number Loa put in the dlr-url (a whole number from 1)")
        }
        guard let expiresText = parameters["expires"], let expires = Int64(expiresText) else {
            throw ReceiptCallbackError(parameter: "expires", message: "expires must be the expiry Loa put in the dlr-url (whole seconds since 1970)")
        }
        let expected = signature(messageId: messageId, attempt: attemptText, expires: expiresText)
        guard let presented = parameters["sig"], Array(presented.utf8).isConstantTimeEqual(to: Array(expected.utf8)) else {
            throw ReceiptCallbackError(
                parameter: "sig", message: "the receipt signature does not match its messageId, attempt and expires", reason: .forged)
        }
        guard receivedAt.timeIntervalSince1970 <= Double(expires) else {
            throw ReceiptCallbackError(
                parameter: "expires",
                message: "this dlr-url expired at \(expires) (seconds since 1970): reports are taken for twice providers.\(name).reportTimeout after the submission",
                reason: .expired)
        }
        guard let typeText = parameters["type"], let type = Int(typeText) else {
            throw ReceiptCallbackError(parameter: "type", message: "type must be Kannel's DLR type number (%d)")
        }
        let status: ReceiptStatus
        switch type {
        case 1: status = .delivered
        case 2: status = .undelivered
        case 16: status = .rejected
        case 4, 8: status = .accepted
        default:
            throw ReceiptCallbackError(parameter: "type", message: "unknown Kannel DLR type \(type); expected 1, 2, 4, 8 or 16")
        }
        let answer = parameters["answer"].map { $0.isEmpty ? "" : " (\($0.prefix(120)))" } ?? ""
        return DeliveryReceipt(
            provider: name, messageId: messageId, attempt: attempt, providerMessageId: messageId, status: status,
            detail: "kannel dlr type \(type)\(answer)", receivedAt: receivedAt)
    }

    /// Appends `&name=value` (without `&` when `first`), form-encoded with spaces as `%20`
    /// (Kannel decodes both): RFC 3986 percent-encoding of UTF-8, everything but ASCII letters,
    /// digits and `-._~`.
    static func appendParameter(_ name: String, _ value: String, to target: inout [UInt8], first: Bool = false) {
        if !first { target.append(UInt8(ascii: "&")) }
        appendPercentEncoded(name, to: &target)
        target.append(UInt8(ascii: "="))
        appendPercentEncoded(value, to: &target)
    }

    private static func appendPercentEncoded(_ text: String, to target: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                target.append(byte)
            default:
                target.append(UInt8(ascii: "%"))
                target.append(hex[Int(byte >> 4)])
                target.append(hex[Int(byte & 15)])
            }
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
