public import LoaCore
import LoaProviders

/// Everything Loa knows about one HTTPS provider's API, read from configuration
/// (`providers.<name>.*`, over a preset): how to send, how to read the answer, how receipts come
/// back. A new API is a new description, not new code.
public struct HTTPProviderDescription: Sendable, Equatable {
    public var request: HTTPRequestDescription
    public var answer: AnswerRules
    /// Nil when the provider sends no delivery reports.
    public var receipt: ReceiptRules?
    /// Nil when the provider hands over no inbound messages.
    public var inbound: InboundRules?
    /// Values of the placeholders that are not message fields: `secrets.*` and `settings.*`.
    public var constants: [String: String]
    /// Encoding → the code the API wants for `{{encoding}}`.
    public var encodings: [SMSEncoding: String]
    /// Kind name → the code the API wants for `{{kind}}`; `default` for kinds not listed.
    public var kinds: [String: String]
    /// Whether every message must carry a provider template id (brandname channels that only
    /// send registered templates): one without fails permanently.
    public var templateIdRequired: Bool
    /// Seconds before a send request counts as timed out (a transient failure).
    public var timeoutSeconds: Double

    /// Creates a description.
    public init(
        request: HTTPRequestDescription, answer: AnswerRules, receipt: ReceiptRules?, inbound: InboundRules? = nil, constants: [String: String] = [:],
        encodings: [SMSEncoding: String] = [:], kinds: [String: String] = [:], templateIdRequired: Bool = false, timeoutSeconds: Double = 10
    ) {
        self.request = request
        self.answer = answer
        self.receipt = receipt
        self.inbound = inbound
        self.constants = constants
        self.encodings = encodings
        self.kinds = kinds
        self.templateIdRequired = templateIdRequired
        self.timeoutSeconds = timeoutSeconds
    }

    /// The value of every placeholder for one submission.
    func values(for request: SubmitRequest, callbackURL: String?) -> (String) -> String {
        let constants = constants
        let encoding = encodings[request.encoding] ?? request.encoding.rawValue
        let kind = kinds[request.kind.rawValue] ?? kinds["default"] ?? request.kind.rawValue
        return { name in
            guard let field = MessageField(rawValue: name) else { return constants[name] ?? "" }
            switch field {
            case .to: return request.to.e164
            case .toDigits: return String(request.to.e164.dropFirst())
            case .toNational: return request.to.isVietnamese ? "0" + request.to.e164.dropFirst(3) : String(request.to.e164.dropFirst())
            case .text: return request.text
            case .sender: return request.sender
            case .encoding: return encoding
            case .segments: return String(request.segments)
            case .kind: return kind
            case .templateId: return request.providerTemplateId ?? ""
            case .reference: return request.reference
            case .messageId: return request.messageId
            case .callbackURL: return callbackURL ?? ""
            }
        }
    }
}
