public import Foundation

/// One receipt callback as it reached Loa (`GET` or `POST /v1/providers/{name}/receipts`): what
/// a provider needs to authenticate it and read it, whichever way its API calls back.
public struct ReceiptCallback: Sendable, Equatable {
    /// `GET` or `POST`.
    public var method: String
    /// The query parameters of the request target (the signed part Loa put in the callback URL,
    /// plus whatever the provider appends).
    public var query: [String: String]
    /// The request's query string exactly as received (after `?`, still percent-encoded), for
    /// signatures computed over the URL the provider called (Twilio's).
    public var rawQuery: String
    /// Request headers, names in lowercase.
    public var headers: [String: String]
    /// The request body (empty for `GET`).
    public var body: [UInt8]

    /// Creates a callback.
    public init(method: String, query: [String: String], rawQuery: String = "", headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.query = query
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    /// The `Content-Type` without parameters, in lowercase (`application/json`), or nil.
    public var mediaType: String? {
        headers["content-type"].map { $0.split(separator: ";").first.map(String.init) ?? $0 }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
