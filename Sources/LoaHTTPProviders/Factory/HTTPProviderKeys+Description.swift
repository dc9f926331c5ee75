import Foundation
import LoaCore
import LoaProviders
import LoaSettings

extension HTTPProviderKeys {
    /// The whole description, validated: every placeholder resolves, the URL is HTTPS (plain
    /// HTTP only to a loopback stand-in), lists and maps hold known values.
    func description() throws(ConfigurationError) -> HTTPProviderDescription {
        let method = try layer("method").choice(key("method"), default: HTTPRequestDescription.Method.post)
        let url = try requiredTemplate("url", why: "the API's send endpoint, for example https://api.twilio.com/2010-04-01/Accounts/{{accountSid}}/Messages.json")
        try checkScheme(url)
        let body = try layer("body").choice(key("body"), default: method == .get ? HTTPRequestDescription.BodyFormat.none : .form)
        var fields: [HTTPRequestDescription.Field] = []
        for leaf in leaves("fields") {
            let typeField = "fieldTypes.\(leaf.path)"
            let type = try layer(typeField).choice(key(typeField), default: JSONFieldType.string)
            if type != .string, body != .json {
                throw ConfigurationError(key: key(typeField), message: "only JSON bodies have typed fields; remove it or set \(key("body")) to json")
            }
            let path = body == .json ? leaf.path.split(separator: ".").map(String.init) : [leaf.path]
            fields.append(.init(path: path, value: try FieldTemplate(parsing: leaf.value, key: key("fields.\(leaf.path)")), type: type))
        }
        var headers: [HTTPRequestDescription.Header] = []
        for name in children("headers") {
            headers.append(.init(name: name, value: try requiredTemplate("headers.\(name)", why: "the value of header \(name)")))
        }
        var basicAuth: HTTPRequestDescription.BasicAuth?
        if isSet("basicAuth.username") || isSet("basicAuth.password") {
            basicAuth = .init(
                username: try requiredTemplate("basicAuth.username", why: "basic authentication needs a username, for example {{accountSid}}"),
                password: try requiredTemplate("basicAuth.password", why: "basic authentication needs a password, for example {{authToken}}"))
        }
        let request = HTTPRequestDescription(method: method, url: url, headers: headers, body: body, fields: fields, basicAuth: basicAuth)
        var receipt = try receiptRules()
        if let rules = receipt { receipt = try authenticated(rules) }
        var constants: [String: String] = [:]
        for name in Set(request.templates.flatMap(\.names)) where MessageField(rawValue: name) == nil {
            constants[name] = try constant(name)
        }
        if receipt == nil, request.templates.contains(where: { $0.names.contains(MessageField.callbackURL.rawValue) }) {
            throw ConfigurationError(key: key("receipt.status"), message: "{{callbackURL}} is used but receipts are not described; set receipt.status (and receipt.messageId, receipt.statuses) or remove the callback field")
        }
        return HTTPProviderDescription(
            request: request, answer: try answerRules(), receipt: receipt, inbound: try inboundRules(),
            constants: constants, encodings: try encodings(), kinds: kinds(),
            templateIdRequired: try layer("templateIdRequired").bool(key("templateIdRequired"), default: false),
            timeoutSeconds: try layer("timeout").seconds(key("timeout"), default: 10, in: 0.1...300))
    }

    /// The value of a placeholder that is not a message field: `secrets.<name>`, else `settings.<name>`.
    func constant(_ name: String) throws(ConfigurationError) -> String {
        for group in ["secrets", "settings"] {
            let field = "\(group).\(name)"
            guard let value = layer(field).optionalString(key(field)) else { continue }
            guard value != LayeredSettings.exampleSecret else {
                throw ConfigurationError(key: key(field), message: "is the example value '\(value)'; set the real value given by the provider; \(settings.values.howToSet(key(field)))")
            }
            return value
        }
        let known = MessageField.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
        throw ConfigurationError(key: key("secrets.\(name)"), message: "is required: {{\(name)}} is used in providers.\(settings.name) but is neither a message field (\(known)) nor set under secrets or settings; \(settings.values.howToSet(key("secrets.\(name)")))")
    }

    private func checkScheme(_ url: FieldTemplate) throws(ConfigurationError) {
        let literal = url.render { _ in "x" }
        guard let parsed = URL(string: literal), let scheme = parsed.scheme?.lowercased(), let host = parsed.host else {
            throw ConfigurationError(key: key("url"), message: "'\(literal)' is not an absolute URL; write https://host/path")
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ConfigurationError(key: key("url"), message: "must be https (credentials and residents' numbers travel in it); plain http is allowed only to a loopback stand-in; \(settings.values.howToSet(key("url")))")
        }
    }

    private func answerRules() throws(ConfigurationError) -> AnswerRules {
        var transientStatuses = AnswerRules.defaultTransientStatuses
        if let listed = list("answer.transientStatuses") {
            transientStatuses = []
            for item in listed {
                guard let status = Int(item), (100...599).contains(status) else {
                    throw ConfigurationError(key: key("answer.transientStatuses"), message: "'\(item)' is not an HTTP status; list statuses such as [429, 500, 502, 503, 504]")
                }
                transientStatuses.insert(status)
            }
        }
        let codePath = layer("answer.code").optionalString(key("answer.code"))
        let successCodes = Set(list("answer.success") ?? [])
        if codePath != nil, successCodes.isEmpty {
            throw ConfigurationError(key: key("answer.success"), message: "answer.code is set, so list the result codes that mean the message was taken (for example [\"100\"])")
        }
        return AnswerRules(
            messageIdPath: layer("answer.messageId").optionalString(key("answer.messageId")), codePath: codePath,
            errorCodePath: layer("answer.errorCode").optionalString(key("answer.errorCode")),
            errorPath: layer("answer.error").optionalString(key("answer.error")), successCodes: successCodes,
            transientCodes: Set(list("answer.transient") ?? []), transientStatuses: transientStatuses,
            retryAfterHeader: layer("answer.retryAfterHeader").string(key("answer.retryAfterHeader"), default: "Retry-After"))
    }

    private func receiptRules() throws(ConfigurationError) -> ReceiptRules? {
        guard let statusField = layer("receipt.status").optionalString(key("receipt.status")) else { return nil }
        var statuses: [String: ReceiptStatus] = [:]
        for providerStatus in children("receipt.statuses") {
            let field = "receipt.statuses.\(providerStatus)"
            statuses[providerStatus] = try layer(field).choice(key(field), default: ReceiptStatus.unknown)
        }
        guard !statuses.isEmpty else {
            throw ConfigurationError(key: key("receipt.statuses"), message: "map each of the provider's statuses to one of \(ReceiptStatus.allCases.map(\.rawValue).joined(separator: ", ")); statuses not listed read as unknown")
        }
        return ReceiptRules(
            messageIdField: try layer("receipt.messageId").requiredString(key("receipt.messageId"), why: "the callback field with the provider's message id"),
            statusField: statusField, errorField: layer("receipt.error").optionalString(key("receipt.error")), statuses: statuses)
    }

    /// The callback authentication on top of the signed URL.
    private enum Proof: String, CaseIterable {
        /// The signed callback URL alone (receipts only).
        case signedURL = "url"
        case twilio, header
    }

    private func authenticated(_ rules: ReceiptRules) throws(ConfigurationError) -> ReceiptRules {
        var rules = rules
        rules.proof = switch try layer("receipt.authentication").choice(key("receipt.authentication"), default: Proof.signedURL) {
        case .signedURL: nil
        case .twilio, .header: try proof("receipt")
        }
        return rules
    }

    /// `<group>.authentication` (`twilio` or `header`) with `<group>.secret` and `<group>.header`.
    private func proof(_ group: String) throws(ConfigurationError) -> CallbackProof {
        let field = "\(group).authentication"
        switch try layer(field).choice(key(field), default: Proof.signedURL) {
        case .signedURL:
            throw ConfigurationError(key: key(field), message: "set twilio or header: an inbound call carries no URL signed for a message, so the provider must prove itself")
        case .twilio:
            return .twilioSignature(authToken: try callbackSecret(group))
        case .header:
            let header = try layer("\(group).header").requiredString(key("\(group).header"), why: "the header in which the provider sends the shared secret")
            return .sharedSecretHeader(name: header, secret: try callbackSecret(group))
        }
    }

    /// What residents send, when `inbound.text` is set: `inbound.from|to|text|messageId`, the
    /// proof (`inbound.authentication`, `inbound.secret`, `inbound.header`), the URL the
    /// provider calls (`inbound.url`, default `<receiptURL>/v1/providers/<name>/inbound`) and
    /// the answer (`inbound.answer.contentType|body`).
    private func inboundRules() throws(ConfigurationError) -> InboundRules? {
        guard let textField = layer("inbound.text").optionalString(key("inbound.text")) else { return nil }
        let field = { (name: String, why: String) throws(ConfigurationError) -> String in
            try layer("inbound.\(name)").requiredString(key("inbound.\(name)"), why: why)
        }
        var base = try layer("receiptURL").url(key("receiptURL"), default: settings.publicURL.absoluteString).absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let endpoint = try layer("inbound.url").url(key("inbound.url"), default: "\(base)/v1/providers/\(settings.name)/inbound").absoluteString
        let acknowledgement = InboundAcknowledgement(
            contentType: layer("inbound.answer.contentType").string(key("inbound.answer.contentType"), default: InboundAcknowledgement.empty.contentType),
            body: layer("inbound.answer.body").raw(key("inbound.answer.body")) ?? "")
        return InboundRules(
            fromField: try field("from", "the callback field with the sender's number"),
            toField: try field("to", "the callback field with the number the resident wrote to"),
            textField: textField, messageIdField: layer("inbound.messageId").optionalString(key("inbound.messageId")),
            proof: try proof("inbound"), endpoint: endpoint, acknowledgement: acknowledgement)
    }

    /// `<group>.secret`, a template over secrets and settings only (`{{authToken}}`).
    private func callbackSecret(_ group: String) throws(ConfigurationError) -> String {
        let field = "\(group).secret"
        let template = try requiredTemplate(field, why: "the secret the provider signs or sends its callbacks with, for example {{authToken}}")
        var values: [String: String] = [:]
        for name in template.names {
            guard MessageField(rawValue: name) == nil else {
                throw ConfigurationError(key: key(field), message: "{{\(name)}} is a message field; the callback secret is made of secrets and settings only")
            }
            values[name] = try constant(name)
        }
        return template.render { values[$0] ?? "" }
    }

    private func encodings() throws(ConfigurationError) -> [SMSEncoding: String] {
        var codes: [SMSEncoding: String] = [:]
        for (field, encoding) in [("gsm7", SMSEncoding.gsm7), ("ucs2", .ucs2)] {
            codes[encoding] = layer("encodings.\(field)").optionalString(key("encodings.\(field)"))
        }
        return codes
    }

    private func kinds() -> [String: String] {
        var codes: [String: String] = [:]
        for kind in children("kinds") {
            codes[kind] = layer("kinds.\(kind)").raw(key("kinds.\(kind)"))
        }
        return codes
    }
}
