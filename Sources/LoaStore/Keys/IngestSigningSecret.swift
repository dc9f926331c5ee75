import Crypto
public import Foundation
import LoaCore

/// The second secret of a signed ingest key. It never travels with a request: the dossier
/// system signs each request with it and Loa checks the `Loa-Signature` header,
/// `t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, "<t>." + body))`, where the HMAC key is the
/// secret's text exactly as printed (`loasig_` and 64 hexadecimal digits of 32 random bytes).
///
/// Loa must compute HMACs with it, so a hash (as kept for bearer secrets) will not do. It is
/// stored sealed with AES-256-GCM under a key derived by HKDF-SHA256 from the key's bearer
/// secret (salt: the key id), which the store keeps only as a hash: the database alone reveals
/// neither secret, and each request's bearer secret unseals it. Someone holding both a copy of
/// the database and a bearer secret recovers the signing secret, the same two things a forger
/// needs anyway; a key-encryption key kept outside the database would add a third.
///
/// ```swift
/// let signing = IngestSigningSecret.generate()
/// let sealed = try signing.sealed(underBearer: bearer, keyId: key.id)        // stored
/// let opened = try IngestSigningSecret.unseal(sealed, bearer: bearer, keyId: key.id)
/// opened.isValid(IngestSignature(header: header)!, body: body)
/// ```
public struct IngestSigningSecret: Sendable, Equatable, CustomStringConvertible {
    /// What every signing secret starts with, so secret scanners and people recognise one.
    public static let prefix = "loasig_"
    /// How many random bytes a signing secret carries.
    public static let randomByteCount = 32
    private static let sealingInfo = Data("loa ingest signing secret v1".utf8)

    /// The secret as printed, and as the HMAC key (its UTF-8 bytes).
    public let text: String

    /// A secret from its printed text: the prefix and 64 hexadecimal digits; nil otherwise.
    public init?(text: String) {
        guard text.hasPrefix(IngestSigningSecret.prefix),
              let bytes = [UInt8](hex: text.dropFirst(IngestSigningSecret.prefix.count)),
              bytes.count == IngestSigningSecret.randomByteCount else { return nil }
        self.text = text
    }

    private init(randomBytes: some Sequence<UInt8>) {
        text = IngestSigningSecret.prefix + randomBytes.lowercaseHex
    }

    /// A new secret of 32 bytes from the system's cryptographic random source.
    public static func generate() -> IngestSigningSecret {
        SymmetricKey(size: .bits256).withUnsafeBytes { IngestSigningSecret(randomBytes: $0) }
    }

    /// Never the secret itself, so that it cannot end up in a log by accident.
    public var description: String { "IngestSigningSecret(redacted)" }

    /// The secret sealed for storage under a key derived from `bearer`, bound to `keyId`.
    public func sealed(underBearer bearer: String, keyId: String) throws -> Data {
        let box = try AES.GCM.seal(
            Data(text.utf8), using: IngestSigningSecret.sealingKey(bearer: bearer, keyId: keyId),
            authenticating: Data(keyId.utf8))
        guard let combined = box.combined else { throw StoreCorruption("AES-GCM gave no combined box") }
        return combined
    }

    /// Opens a secret sealed by ``sealed(underBearer:keyId:)``; throws when `bearer` or
    /// `keyId` is not the one it was sealed with, or the stored bytes are damaged.
    public static func unseal(_ sealed: Data, bearer: String, keyId: String) throws -> IngestSigningSecret {
        let opened = try AES.GCM.open(
            AES.GCM.SealedBox(combined: sealed), using: sealingKey(bearer: bearer, keyId: keyId),
            authenticating: Data(keyId.utf8))
        guard let secret = IngestSigningSecret(text: String(decoding: opened, as: UTF8.self)) else {
            throw StoreCorruption("key \(keyId) has a sealed signing secret that is not one")
        }
        return secret
    }

    /// Signs `body` at `timestamp` (seconds since 1970): HMAC-SHA256 of `"<timestamp>." + body`.
    public func sign(body: some DataProtocol, timestamp: Int64) -> IngestSignature {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Data(text.utf8)))
        hmac.update(data: Data("\(timestamp).".utf8))
        hmac.update(data: body)
        return IngestSignature(timestamp: timestamp, mac: Array(hmac.finalize()))
    }

    /// Whether `signature` is this secret's signature of `body`, compared in constant time.
    public func isValid(_ signature: IngestSignature, body: some DataProtocol) -> Bool {
        Array(signature.mac).isConstantTimeEqual(to: Array(sign(body: body, timestamp: signature.timestamp).mac))
    }

    private static func sealingKey(bearer: String, keyId: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(bearer.utf8)), salt: Data(keyId.utf8),
            info: sealingInfo, outputByteCount: 32)
    }
}
