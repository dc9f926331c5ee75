public import AsyncHTTPClient
public import Foundation
public import LoaCore
public import LoaProviders
public import Logging
import NIOCore
import NIOHTTP1

/// Sends through an HTTPS SMS API described by configuration (``HTTPProviderDescription``),
/// on one AsyncHTTPClient of its own, and reads the API's delivery report callbacks.
///
/// Every submission carries a callback URL signed for its message and attempt (the scheme of
/// Kannel's `dlr-url`, ``ReceiptURLSigner``), so a report matches its message even when it
/// arrives before the answer to the submission, and cannot be forged or replayed; a provider
/// that also signs its callbacks (Twilio) is checked for that too.
///
/// ```swift
/// let provider = HTTPProvider(name: "twilio", description: description, signer: signer, client: client, logger: logger)
/// let id = try await provider.submit(request)
/// ```
public struct HTTPProvider: SMSProvider, ReceiptCallbackParsing {
    public let name: String
    public let description: HTTPProviderDescription
    /// Signs callback URLs; nil when the provider sends no reports.
    let signer: ReceiptURLSigner?
    let client: OwnedHTTPClient
    let logger: Logger
    let now: @Sendable () -> Date

    /// The most bytes of an answer read; the rest is not waited for.
    static let maxAnswerBytes = 64 * 1024

    /// Creates a provider on `client`, which it owns (see ``OwnedHTTPClient``).
    public init(
        name: String, description: HTTPProviderDescription, signer: ReceiptURLSigner?, client: OwnedHTTPClient, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.description = description
        self.signer = signer
        self.client = client
        self.logger = logger
        self.now = now
    }

    public func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
        if description.templateIdRequired, request.providerTemplateId?.isEmpty ?? true {
            throw .permanent("no_template_id", "\(name) only sends registered templates and kind '\(request.kind.rawValue)' has none; add its id under providerTemplateIds.\(name) in the template catalog")
        }
        let outgoing = try build(request)
        var metadata: Logger.Metadata = ["provider.name": "\(name)", "message.id": "\(request.messageId)", "message.attempt": "\(request.attempt)"]
        let status: Int
        let body: [UInt8]
        let retryAfter: Double?
        do {
            let response = try await client.client.execute(outgoing, timeout: .milliseconds(Int64(description.timeoutSeconds * 1000)), logger: logger)
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: description.answer.retryAfterHeader).flatMap(Double.init)
                .flatMap { $0.isFinite && $0 >= 0 ? min($0, 86_400) : nil }
            body = Array(buffer: try await response.body.collect(upTo: HTTPProvider.maxAnswerBytes))
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw .transient("timeout", "\(name) did not answer within \(description.timeoutSeconds) s")
        } catch {
            throw .transient("\(name)_unreachable", "\(name) could not be reached: \(ProviderAnswer.sanitized(String(describing: error)))")
        }
        let accepted = try description.answer.interpret(status: status, body: body, retryAfterSeconds: retryAfter, provider: name)
        metadata["provider.message_id"] = "\(accepted.providerMessageId ?? "none")"
        logger.debug("provider accepted the message", metadata: metadata)
        // Without an id of the provider's own, receipts match by the message id in the signed URL.
        return accepted.providerMessageId ?? request.reference
    }

    /// The send request for one submission.
    func build(_ request: SubmitRequest) throws(SubmitFailure) -> HTTPClientRequest {
        let callbackURL = signer?.url(messageId: request.messageId, attempt: request.attempt, now: now())
        let value = description.values(for: request, callbackURL: callbackURL)
        let shape = description.request
        var url = shape.url.render(value, escape: FormEncoding.percentEncoded)
        let fields = shape.fields.map { (path: $0.path, text: $0.value.render(value), type: $0.type) }
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = shape.method == .get ? .GET : .POST
        switch shape.body {
        case .none:
            if !fields.isEmpty {
                url += (url.contains("?") ? "&" : "?") + FormEncoding.encode(fields.map { ($0.path.joined(separator: "."), $0.text) })
                outgoing.url = url
            }
        case .form:
            outgoing.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            outgoing.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields.map { ($0.path.joined(separator: "."), $0.text) })))
        case .json:
            do {
                outgoing.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
                outgoing.body = .bytes(ByteBuffer(string: try JSONBodyWriter.write(fields)))
            } catch {
                throw .permanent("bad_field", "\(name): body field '\(error.path)' must be a number; check providers.\(name).body.types")
            }
        }
        outgoing.headers.add(name: "Accept", value: "application/json")
        if let basic = shape.basicAuth {
            let credentials = Data("\(basic.username.render(value)):\(basic.password.render(value))".utf8).base64EncodedString()
            outgoing.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        for header in shape.headers {
            // A header value never carries a line break (no header injection from a message).
            let rendered = header.value.render(value).unicodeScalars.filter { $0 != "\r" && $0 != "\n" }
            outgoing.headers.replaceOrAdd(name: header.name, value: String(String.UnicodeScalarView(rendered)))
        }
        return outgoing
    }
}
