public import ArgumentParser
import Foundation
public import LoaCore
import LoaStore

/// `loa audit`: the audit trail, newest first, read straight from the database (as `GET /v1/audit`).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit trail, newest first: keys created and revoked, retries, cancels, sign-ins.",
        discussion: """
            One entry a line, tab-separated: id, time (RFC 3339, UTC), action, key id (- at the command line), \
            key name, address (- at the command line), subject (a key or message id), outcome. \
            --before takes the lowest id shown to read on.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Only entries at or after this instant (RFC 3339 with an offset).", valueName: "instant"))
    var from: String?

    @Option(help: ArgumentHelp("Only entries before this instant (RFC 3339 with an offset).", valueName: "instant"))
    var to: String?

    @Option(help: ArgumentHelp("Only this action: \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "action"))
    var action: AuditAction?

    @Option(help: "At most this many entries.")
    var limit = 100

    @Option(help: ArgumentHelp("Only entries with a lower id (the next page).", valueName: "id"))
    var before: Int64?

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, AuditCommand.instant(value) == nil {
                throw ValidationError("\(name) must be an RFC 3339 instant with an offset, such as 2026-12-05T00:00:00+07:00")
            }
        }
    }

    func run() async throws {
        let (_, store) = try await options.openStore()
        let query = AuditQuery(from: from.flatMap(AuditCommand.instant), to: to.flatMap(AuditCommand.instant), action: action, before: before, limit: limit)
        for entry in try await store.auditEntries(query) {
            print([
                entry.id.map(String.init) ?? "-", entry.at.formatted(.iso8601), entry.action.rawValue, entry.actor.keyId ?? "-",
                entry.actor.name, entry.remoteAddress ?? "-", entry.subject ?? "-", entry.outcome ?? "-",
            ].joined(separator: "\t"))
        }
    }

    static func instant(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle()))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}

extension AuditAction: ExpressibleByArgument {}
