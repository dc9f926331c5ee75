public import Foundation
import LoaHTTPClient
import NIOCore
public import NIOHTTP1

/// JSON over HTTP for tests, on Loa's keep-alive HTTP client (one connection pool per origin).
///
/// ```swift
/// let reply = try await HTTPJSON.send(.GET, loa.baseURL + "/v1/status", key: operatorKey)
/// #expect(reply.status == 200)
/// ```
public enum HTTPJSON {
    private static let clients = ClientsByOrigin(maxBodyBytes: 16 << 20)

    /// One answer: its status and body.
    public struct Reply: Sendable {
        public let status: Int
        public let body: Data
        /// The response's headers.
        public var headers = HTTPHeaders()
        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends `json` (serialised with `JSONSerialization`) with `Authorization: Bearer key`.
    public static func send(
        _ method: HTTPMethod, _ url: String, key: String? = nil, json: Any? = nil, timeout: Int64 = 60
    ) async throws -> Reply {
        try await send(method, url, key: key, body: json.map { try JSONSerialization.data(withJSONObject: $0) }, timeout: timeout)
    }

    /// Sends `body` as `application/json` with `Authorization: Bearer key` and any `headers`.
    public static func send(
        _ method: HTTPMethod, _ url: String, key: String? = nil, body: Data?, headers extra: [(String, String)] = [],
        timeout: Int64 = 60
    ) async throws -> Reply {
        guard let parsed = URL(string: url) else { throw HarnessError("\(url) is not a URL") }
        let (client, target) = try clients.client(for: parsed)
        var headers = HTTPHeaders()
        if let key { headers.add(name: "Authorization", value: "Bearer \(key)") }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        for (name, value) in extra { headers.add(name: name, value: value) }
        let reply = try await client.execute(
            HTTPRequest(method: method, target: target, headers: headers, body: body.map { ByteBuffer(bytes: $0) }),
            timeout: .seconds(timeout))
        return Reply(status: reply.status, body: Data(reply.body.readableBytesView), headers: reply.headers)
    }
}
