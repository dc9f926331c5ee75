import Foundation
import Hummingbird
import Logging
import LoaStore

/// Resolves `Authorization: Bearer KEY` to a stored key. A missing key is left for the route to
/// refuse (public routes need none); a presented key that is unknown or revoked is refused here.
/// A key that signs its requests has its signing secret unsealed with the bearer secret, for
/// the ingest route to check `Loa-Signature` with.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = LoaRequestContext
    let keys: any KeyStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthenticated }
            let secret = parts[1].trimmingCharacters(in: .whitespaces)
            guard let key = try await keys.activeKey(secretHash: APIKeySecret.hash(secret)) else {
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
