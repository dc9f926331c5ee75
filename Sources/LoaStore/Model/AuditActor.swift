public import Foundation
public import LoaCore

/// Who did an audited thing: an API key (its id, name and role), or someone at the command line.
public struct AuditActor: Sendable, Equatable {
    /// The key that acted; nil at the command line and for a refused sign-in.
    public var keyId: String?
    /// The key's name, `cli:<user>` at the command line, or `unknown` for a refused key.
    public var name: String
    /// The key's role, when a key acted.
    public var role: Role?

    /// Creates an actor.
    public init(keyId: String?, name: String, role: Role?) {
        self.keyId = keyId
        self.name = name
        self.role = role
    }

    /// The key that authenticated a request.
    public init(key: APIKey) {
        self.init(keyId: key.id, name: key.name, role: key.role)
    }

    /// Whoever runs `loa` in a terminal on the gateway's machine, by their system user name.
    public static var commandLine: AuditActor {
        let user = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.userName
        return AuditActor(keyId: nil, name: "cli:\(user.isEmpty ? "unknown" : user)", role: nil)
    }

    /// Someone who presented no key that is valid for what they tried.
    public static let unknown = AuditActor(keyId: nil, name: "unknown", role: nil)
}
