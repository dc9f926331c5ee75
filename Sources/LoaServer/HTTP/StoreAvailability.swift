import Hummingbird
import LoaStore

/// Maps ``StoreUnavailableError`` (disk full, database locked, PostgreSQL away) to `503` with
/// `Retry-After`, so a client knows that nothing in the request was committed and can send it
/// again. ``ErrorMiddleware`` does this for every route; ``guarding(_:)`` marks the writes.
enum StoreAvailability {
    static func guarding<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as StoreUnavailableError {
            throw refusal(error)
        }
    }

    /// The `503` answer for a store that cannot be used right now.
    static func refusal(_ error: StoreUnavailableError) -> APIError {
        APIError(
            .serviceUnavailable, code: "store_unavailable",
            message: "the store cannot accept writes right now (\(error.reason)); nothing in this request was accepted, send it again later",
            headers: [.retryAfter: "5"])
    }
}
