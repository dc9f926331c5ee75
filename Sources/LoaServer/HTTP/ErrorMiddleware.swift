import Hummingbird
import LoaStore
import Logging

/// Turns every error into the API's JSON error shape. Known errors say what to do; anything
/// else becomes a bare 500 and is logged with the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LoaRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as StoreUnavailableError {
            context.logger.warning("store unavailable", metadata: ["error": "\(error)"])
            throw StoreAvailability.refusal(error)
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, code: "internal", message: "something went wrong on our side; it was logged with request id \(context.id)")
        }
    }
}
