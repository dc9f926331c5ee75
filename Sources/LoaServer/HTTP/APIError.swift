import Foundation
public import Hummingbird

/// An error the API answers with, rendered as `{"error": {"code", "message", "field"}}`.
///
/// Each says what the caller can do: the field at fault and how to fix it.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    /// A stable machine-readable code, such as `invalid_json` or `forbidden`.
    public let code: String
    public let message: String
    /// The JSON field at fault, as a dotted path (`applicant.phone`), if one is.
    public let field: String?
    /// Extra headers, such as `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = ErrorBody(error: ErrorDetail(code: code, message: message, field: field))
        let data = try APIJSON.encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Encodable {
        let error: ErrorDetail
    }
}

extension APIError {
    /// No usable `Authorization: Bearer` key.
    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated",
        message: "send an API key as 'Authorization: Bearer KEY' (create one with 'loa keys create')",
        headers: [.wwwAuthenticate: "Bearer"])

    /// The key's role does not allow this call.
    static func forbidden(_ needed: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: "this key's role may not do this; it needs a key with role \(needed)")
    }

    /// A field value that cannot be accepted.
    static func invalid(_ field: String, _ message: String, code: String = "invalid_field") -> APIError {
        APIError(.unprocessableContent, code: code, message: message, field: field)
    }

    /// Nothing with that id (or not visible to this key).
    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: what)
    }
}
