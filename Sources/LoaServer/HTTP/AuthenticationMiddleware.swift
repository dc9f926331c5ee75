import Foundation
import Hummingbird
import Logging
import LoaStore

/// Resolves `Authorization: Bearer KEY` to a stored key. A missing key is left for the route to
/// refuse (public routes need none); a presented key that is malformed, unknown or revoked is
/// refused here with `401`, charged to the client address's budget for refused keys (`429` once
/// it is spent, and no key from that address is looked up until it refills; see
/// ``RateLimitMiddleware``).
/// A key that signs its requests has its signing secret unsealed with the bearer secret, for
/// the ingest route to check `Loa-Signature` with.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = LoaRequestContext
    let keys: any KeyStore
    /// Charges refused keys to their address; the same limiter that runs after this middleware.
    let rateLimit: RateLimitMiddleware

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            try rateLimit.requireRefusedKeyBudget(context)
            let parts = header.split(separator: " ", maxSplits: 1)
            let secret = parts.count == 2 && parts[0].lowercased() == "bearer" ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            guard let secret, let key = try await keys.activeKey(secretHash: APIKeySecret.hash(secret)) else {
                try rateLimit.chargeRefusedKey(context)
                throw APIError.unauthenticated
            }
            context.apiKey = key
            if let sealed = key.sealedSigningSecret {
                context.ingestSigningSecret = try IngestSigningSecret.unseal(sealed, bearer: secret, keyId: key.id)
            }
            context.logger[metadataKey: "key.id"] = "\(key.id)"
        }
        return try await next(request, context)
    }
}
