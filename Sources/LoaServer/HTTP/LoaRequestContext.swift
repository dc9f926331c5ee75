public import Hummingbird
import LoaCore
public import LoaStore

/// The per-request context: Hummingbird's core plus the authenticated key.
public struct LoaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The key that authenticated the request; nil on public routes.
    public var apiKey: APIKey?

    public init(source: Source) {
        coreContext = .init(source: source)
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
