import Hummingbird

extension APIError {
    /// Over the caller's request budget (`server.rateLimit.*`).
    static func rateLimited(retryAfterSeconds: Int, perKey: Bool) -> APIError {
        let whose = perKey ? "this API key" : "this client address (requests without an API key, or with a refused one)"
        return APIError(
            .tooManyRequests, code: "rate_limited",
            message: "too many requests from \(whose); send again after \(retryAfterSeconds) s, and send dossier events in batches of up to 1000 ({\"events\": [...]}), which count as one request",
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// The path exists but not with this method.
    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "method_not_allowed",
            message: "\(path) does not take \(method.rawValue); it takes \(list)",
            headers: [.allow: list])
    }
}
