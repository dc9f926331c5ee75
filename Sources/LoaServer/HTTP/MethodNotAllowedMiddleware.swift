import Hummingbird

/// Answers `405 Method Not Allowed` with an `Allow` header for a path the API has under another
/// method, where the router alone would answer `404`. Added to the router after every route, so
/// it sits only in front of the router's not-found responder. Answers to `HEAD` carry no body.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = LoaRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            if let allowed = routes.allowed(forPath: request.uri.path), !allowed.contains(request.method) {
                throw APIError.methodNotAllowed(request.method, path: request.uri.path, allowed: allowed)
            }
            return try await next(request, context)
        } catch let error as any HTTPResponseError where request.method == .head {
            return try error.response(from: request, context: context).createHeadResponse()
        }
    }
}
