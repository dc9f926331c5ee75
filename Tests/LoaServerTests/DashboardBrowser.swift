import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser as far as the dashboard's router tests need one: keeps the cookies the server sets,
/// posts forms, reads the CSRF token from the page it got last.
final class DashboardBrowser: @unchecked Sendable {
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }

        /// The `value` of the hidden `csrf` field of the page's first form.
        var csrf: String? { body.firstMatch(of: #/name="csrf" value="([^"]*)"/#).map { String($0.1) } }

        /// The text of the first element carrying `attribute="value"`, within the element with id `scope` when given.
        func figure(_ attribute: String, _ value: String, in scope: String? = nil) -> String? {
            var text = Substring(body)
            if let scope, let start = body.range(of: "id=\"\(scope)\"") { text = body[start.upperBound...] }
            guard let range = text.range(of: "\(attribute)=\"\(value)\"") else { return nil }
            let after = text[range.upperBound...]
            guard let open = after.firstIndex(of: ">"), let close = after[open...].firstIndex(of: "<") else { return nil }
            return String(after[after.index(after: open)..<close])
        }
    }

    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var last: Page?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(.get, uri, body: nil, headers: headers)
    }

    /// Posts `fields` form-encoded.
    @discardableResult
    func post(_ uri: String, _ fields: [String: String], headers: HTTPFields = [:]) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, uri, body: body, headers: headers)
    }

    private func send(_ method: HTTPRequest.Method, _ uri: String, body: String?, headers: HTTPFields) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty, headers[.cookie] == nil {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        for line in page.setCookies {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        last = page
        return page
    }

    /// Signs in through the form with `key`; returns the answer to the post.
    @discardableResult
    func signIn(_ key: String) async throws -> Page {
        let form = try await get("/sign-in")
        return try await post("/sign-in", ["key": key, "csrf": form.csrf ?? ""])
    }
}

extension TestGateway {
    /// The secret of the key made for `label` (see ``make(_:)``).
    func key(_ label: String) -> String { keys[label] ?? "" }
}
