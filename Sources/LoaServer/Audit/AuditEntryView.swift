import Foundation
import LoaCore
import LoaStore

/// One audit entry as `GET /v1/audit` shows it.
struct AuditEntryView: Encodable {
    let id: String
    let at: Date
    let action: String
    /// The key that acted; absent at the command line and for refused sign-ins.
    let keyId: String?
    let keyName: String
    let role: String?
    /// The client's address; absent at the command line.
    let remoteAddress: String?
    /// The key or message acted on.
    let subject: String?
    let outcome: String?

    init(_ entry: AuditEntry) {
        id = entry.id.map(String.init) ?? ""
        at = entry.at
        action = entry.action.rawValue
        keyId = entry.actor.keyId
        keyName = entry.actor.name
        role = entry.actor.role?.rawValue
        remoteAddress = entry.remoteAddress
        subject = entry.subject
        outcome = entry.outcome
    }
}
