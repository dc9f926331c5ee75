import Crypto
public import Foundation
public import LoaCore

/// Issuing and recognising API key secrets. Only the SHA-256 of a secret is ever stored: the
/// secrets carry 160 random bits, so a fast hash is safe and keeps every request's check cheap.
///
/// ```swift
/// let (key, secret) = APIKeySecret.issue(name: "motcua", role: .ingest, commune: nil, at: .now)
/// try await store.insert(key)          // stores key.secretHash
/// print(secret)                        // "loa_…", shown once
/// ```
public enum APIKeySecret {
    /// A new key record and its secret (to show once, never to store). `scope` limits an ingest key.
    public static func issue(
        name: String, role: Role, commune: String?, scope: IngestScope = .unrestricted, at date: Date
    ) -> (key: APIKey, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let secret = "loa_" + OpaqueID.randomCharacters(32, using: &generator)
        let key = APIKey(
            id: OpaqueID.make(prefix: "key", epochMilliseconds: date.epochMilliseconds),
            name: name, role: role, commune: commune, secretHash: hash(secret), createdAt: date, revokedAt: nil,
            ingestScope: scope)
        return (key, secret)
    }

    /// A new ingest key whose requests must be signed: the record (with the signing secret
    /// sealed, see ``IngestSigningSecret``), its bearer secret and its signing secret, both to
    /// show once.
    public static func issueSigned(
        name: String, scope: IngestScope, at date: Date
    ) throws -> (key: APIKey, secret: String, signingSecret: IngestSigningSecret) {
        var (key, secret) = issue(name: name, role: .ingest, commune: nil, scope: scope, at: date)
        let signingSecret = IngestSigningSecret.generate()
        key.sealedSigningSecret = try signingSecret.sealed(underBearer: secret, keyId: key.id)
        return (key, secret, signingSecret)
    }

    /// Hex SHA-256 of a presented secret.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).lowercaseHex
    }
}
