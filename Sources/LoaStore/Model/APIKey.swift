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

    /// Creates a key value.
    public init(id: String, name: String, role: Role, commune: String?, secretHash: String, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.role = role
        self.commune = commune
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
