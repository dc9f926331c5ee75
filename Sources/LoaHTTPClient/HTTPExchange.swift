public import Foundation
public import NIOCore
public import NIOHTTP1

/// Where a ``KeepAliveHTTPClient`` connects: the scheme, host and port of a plain `http` URL.
public struct HTTPOrigin: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    /// The origin of `url`, which must be `http` (the client speaks no TLS) with a port, if any,
    /// from 1 to 65535.
    public init(_ url: URL) throws(HTTPClientFailure) {
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            throw .unsupportedURL("\(url.absoluteString) is not a plain http:// URL with a host")
        }
        let port = url.port ?? 80
        guard (1...65535).contains(port) else {
            throw .unsupportedURL("\(url.absoluteString) names port \(port), outside 1–65535")
        }
        self.host = host
        self.port = port
    }

    /// The origin of the URL written in `text`.
    public init(_ text: String) throws(HTTPClientFailure) {
        guard let url = URL(string: text) else { throw .unsupportedURL("\(text) is not a URL") }
        try self.init(url)
    }

    public var description: String { "http://\(host):\(port)" }

    /// The request target (path and query, percent-encoded as written) of `url`.
    public static func target(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        let target = path.isEmpty ? "/" : path
        return components?.percentEncodedQuery.map { "\(target)?\($0)" } ?? target
    }
}

/// One request: method, target (`/path?query`, already percent-encoded), extra headers, body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    /// Creates a request; `Host`, `Content-Length` and `User-Agent` are added when sent.
    public init(method: HTTPMethod = .GET, target: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// A whole answer: status, headers and the collected body.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: HTTPHeaders
    public let body: ByteBuffer
    /// Whether the server keeps the connection open for another request.
    let keepAlive: Bool

    /// The body as UTF-8 text.
    public var text: String { String(buffer: body) }
}

/// Why a request got no answer. Every case means the request may or may not have reached the
/// server, except ``unsupportedURL`` and ``connectFailed`` (it never left).
public enum HTTPClientFailure: Error, Sendable, CustomStringConvertible {
    /// The URL is not one this client can reach.
    case unsupportedURL(String)
    /// No connection could be opened.
    case connectFailed(String)
    /// No whole answer before the deadline.
    case timedOut
    /// The server closed the connection before a whole answer.
    case connectionClosed
    /// The connection failed (reset, or an answer that is not HTTP) before a whole answer.
    case connectionFailed(String)
    /// The answer's body was longer than the client accepts.
    case bodyTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .unsupportedURL(let why): "unsupported URL: \(why)"
        case .connectFailed(let why): "could not connect: \(why)"
        case .timedOut: "no answer before the deadline"
        case .connectionClosed: "the connection closed before a whole answer"
        case .connectionFailed(let why): "the connection failed before a whole answer: \(why)"
        case .bodyTooLarge(let limit): "the answer's body is longer than \(limit) bytes"
        }
    }
}
