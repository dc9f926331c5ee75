public import Hummingbird
import LoaCore
public import LoaStore

/// The per-request context: Hummingbird's core plus the authenticated key.
public struct LoaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The key that authenticated the request; nil on public routes.
    public var apiKey: APIKey?
    /// The signing secret of a key that signs its requests, unsealed with the request's bearer
    /// secret; nil for every other key.
    public var ingestSigningSecret: IngestSigningSecret?

    /// The peer's IP address, for limits on requests without a key; nil when unknown (tests).
    public let clientAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The key, if its role grants `role`; throws 401 or 403 otherwise.
    func require(_ roles: Role...) throws -> APIKey {
        guard let apiKey else { throw APIError.unauthenticated }
        guard roles.contains(where: apiKey.role.grants) else {
            throw APIError.forbidden(roles.map(\.rawValue).joined(separator: " or "))
        }
        return apiKey
    }
}
