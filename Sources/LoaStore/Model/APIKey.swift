public import Foundation
public import LoaCore

/// An API key as stored: its secret only as a SHA-256 hash.
public struct APIKey: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var role: Role
    /// The commune an officer key is limited to; nil for other roles.
    public var commune: String?
    /// Hex SHA-256 of the secret.
    public var secretHash: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// The sources and communes an ingest key may post events for (unrestricted for other roles).
    public var ingestScope: IngestScope
    /// The key's signing secret for signed ingest, sealed under a key derived from the bearer
    /// secret (see ``IngestSigningSecret``); nil when the key does not sign its requests.
    public var sealedSigningSecret: Data?

    /// Whether requests made with this key must carry a `Loa-Signature` header.
    public var signsRequests: Bool { sealedSigningSecret != nil }

    /// Creates a key value.
    public init(
        id: String, name: String, role: Role, commune: String?, secretHash: String, createdAt: Date, revokedAt: Date?,
        ingestScope: IngestScope = .unrestricted, sealedSigningSecret: Data? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.commune = commune
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.ingestScope = ingestScope
        self.sealedSigningSecret = sealedSigningSecret
    }
}
