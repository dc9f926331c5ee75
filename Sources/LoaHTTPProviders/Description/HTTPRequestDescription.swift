/// How a provider's send request is built from a message: method, URL, headers, body and
/// credentials, all as ``FieldTemplate``s over the message's fields and the provider's
/// secrets and settings.
public struct HTTPRequestDescription: Sendable, Equatable {
    /// The HTTP method of the send request (`method: GET` or `POST` in configuration, any case).
    public enum Method: String, Sendable, CaseIterable {
        case get, post
    }

    /// How the body carries ``fields``.
    public enum BodyFormat: String, Sendable, CaseIterable {
        /// No body: fields, if any, go in the query string.
        case none
        /// `application/x-www-form-urlencoded`.
        case form
        /// `application/json`; dotted field names make nested objects (`data.to`).
        case json
    }

    /// One header: its name and value template.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: FieldTemplate

        /// Creates a header.
        public init(name: String, value: FieldTemplate) {
            self.name = name
            self.value = value
        }
    }

    /// One field of the body (or of the query, for `GET`).
    public struct Field: Sendable, Equatable {
        /// The field's path: one name for forms; nested object names for JSON.
        public var path: [String]
        public var value: FieldTemplate
        public var type: JSONFieldType

        /// Creates a field.
        public init(path: [String], value: FieldTemplate, type: JSONFieldType = .string) {
            self.path = path
            self.value = value
            self.type = type
        }
    }

    /// HTTP basic authentication, as `Authorization: Basic base64(username:password)`.
    public struct BasicAuth: Sendable, Equatable {
        public var username: FieldTemplate
        public var password: FieldTemplate

        /// Creates credentials.
        public init(username: FieldTemplate, password: FieldTemplate) {
            self.username = username
            self.password = password
        }
    }

    public var method: Method
    /// The URL; placeholders in it are percent-encoded.
    public var url: FieldTemplate
    public var headers: [Header]
    public var body: BodyFormat
    public var fields: [Field]
    public var basicAuth: BasicAuth?

    /// Creates a description.
    public init(method: Method, url: FieldTemplate, headers: [Header] = [], body: BodyFormat, fields: [Field], basicAuth: BasicAuth? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.fields = fields
        self.basicAuth = basicAuth
    }

    /// Every template of the request, with the key it was read from (for validation).
    var templates: [FieldTemplate] {
        [url] + headers.map(\.value) + fields.map(\.value) + (basicAuth.map { [$0.username, $0.password] } ?? [])
    }
}

/// How a JSON body field's rendered text is written.
public enum JSONFieldType: String, Sendable, CaseIterable {
    /// A JSON string (the default).
    case string
    /// A JSON number: the rendered text must be one (`2`, `-1.5`).
    case number
    /// An array holding the rendered text as its one string (`["84912345678"]`), for APIs
    /// that take a list of recipients.
    case list
}
