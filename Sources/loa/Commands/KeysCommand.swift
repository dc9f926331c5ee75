public import ArgumentParser
import Foundation
public import LoaCore
import LoaConfig
import LoaStore

/// `loa keys create|list|revoke`: API keys, stored hashed.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it alone on the last line (shown once; only its hash is stored).",
            discussion: """
                An officer key reads the messages of its one commune (--commune). An ingest key may be limited \
                to the event sources (--source) and communes (--commune) it posts for; events outside them are \
                rejected. With --signed an ingest key also gets a signing secret, printed once, and every request \
                it makes must carry a Loa-Signature header (see the README).
                """)

        @OptionGroup var options: DatabaseOptions

        @Option(help: "ingest, officer, operator or admin.")
        var role: Role

        @Option(help: ArgumentHelp(
            "The commune an officer key is limited to (required for officers), or the communes an ingest key may post for (comma-separated or repeated; default any).",
            valueName: "code"))
        var commune: [String] = []

        @Option(help: ArgumentHelp(
            "The event sources an ingest key may post for (comma-separated or repeated; default any).", valueName: "source"))
        var source: [String] = []

        @Flag(help: "Ingest keys only: requests must be signed with a signing secret, printed once (Loa-Signature header).")
        var signed = false

        @Option(help: "A name to recognise the key by.")
        var name: String?

        /// The values of a repeatable, comma-separated option.
        static func values(_ option: [String]) -> [String] {
            option.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var communes: [String] { Create.values(commune) }
        var sources: [String] { Create.values(source) }

        func validate() throws {
            switch role {
            case .officer:
                guard communes.count == 1 else {
                    throw ValidationError("an officer key needs exactly one --commune CODE (a key of config/communes.yaml)")
                }
            case .ingest:
                break
            case .operator, .admin:
                guard communes.isEmpty else { throw ValidationError("--commune applies to officer and ingest keys only") }
            }
            guard role == .ingest || (sources.isEmpty && !signed) else {
                throw ValidationError("--source and --signed apply to ingest keys only")
            }
            if let tooLong = sources.first(where: { $0.count > 100 }) {
                throw ValidationError("--source '\(tooLong.prefix(20))…' is longer than an event's source may be (100 characters)")
            }
        }

        func run() async throws {
            let (configuration, store) = try await options.openStore()
            if !communes.isEmpty {
                let reference: ReferenceData
                do {
                    reference = try ReferenceData.load(
                        proceduresFile: configuration.catalogs.proceduresFile, communesFile: configuration.catalogs.communesFile)
                } catch {
                    throw ValidationError("cannot check --commune: \(error)")
                }
                let unknown = communes.filter { reference.communes[$0] == nil }
                guard unknown.isEmpty else {
                    throw ValidationError("unknown commune \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in --commune; use keys of \(configuration.catalogs.communesFile): \(reference.communes.keys.sorted().joined(separator: ", "))")
                }
            }
            let label = name ?? role.rawValue
            let scope = IngestScope(sources: sources, communes: role == .ingest ? communes : [])
            let officerCommune = role == .officer ? communes.first : nil
            if signed {
                let (key, secret, signingSecret) = try APIKeySecret.issueSigned(name: label, scope: scope, at: Date())
                try await store.insert(key)
                try await KeysCommand.audit(created: key, in: store)
                print("created key \(key.id) (\(KeysCommand.describe(key))); both secrets are shown once.")
                print("signing secret (HMAC-SHA256 key for the Loa-Signature header): \(signingSecret.text)")
                print("bearer key:")
                print(secret)
            } else {
                let (key, secret) = APIKeySecret.issue(name: label, role: role, commune: officerCommune, scope: scope, at: Date())
                try await store.insert(key)
                try await KeysCommand.audit(created: key, in: store)
                print("created key \(key.id) (\(KeysCommand.describe(key))); it is shown once:")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List keys (never their secrets): id, role, scope, signing, name, created, state; tab-separated.")

        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (_, store) = try await options.openStore()
            for key in try await store.keys() {
                let state = key.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                print([
                    key.id, key.role.rawValue, KeysCommand.scope(of: key), key.signsRequests ? "signed" : "unsigned",
                    key.name, key.createdAt.formatted(.iso8601), state,
                ].joined(separator: "\t"))
            }
        }
    }

    /// What a key may reach: `commune=na-u` for an officer, `sources=… communes=…` for an
    /// ingest key (`any` when not limited), `-` for operators and admins.
    static func scope(of key: APIKey) -> String {
        switch key.role {
        case .officer:
            return "commune=\(key.commune ?? "-")"
        case .ingest:
            let sources = key.ingestScope.sources.isEmpty ? "any" : key.ingestScope.sources.joined(separator: ",")
            let communes = key.ingestScope.communes.isEmpty ? "any" : key.ingestScope.communes.joined(separator: ",")
            return "sources=\(sources) communes=\(communes)"
        case .operator, .admin:
            return "-"
        }
    }

    /// Records the creation of `key` at the command line in the audit trail, with its role and scope.
    static func audit(created key: APIKey, in store: any AuditTrail) async throws {
        try await store.recordAudit([AuditEntry(
            at: key.createdAt, action: .keyCreated, actor: .commandLine, remoteAddress: nil, subject: key.id, outcome: describe(key))])
    }

    /// The role and scope, as `create` confirms them.
    static func describe(_ key: APIKey) -> String {
        let scope = scope(of: key)
        return scope == "-" ? key.role.rawValue : "\(key.role), \(scope)\(key.signsRequests ? ", signed" : "")"
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops working at once.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The key id, as shown by 'loa keys list'.")
        var id: String

        func run() async throws {
            let (_, store) = try await options.openStore()
            let now = Date()
            guard try await store.revokeKey(id: id, at: now) else {
                throw ValidationError("no active key \(id); see 'loa keys list'")
            }
            try await store.recordAudit([AuditEntry(at: now, action: .keyRevoked, actor: .commandLine, remoteAddress: nil, subject: id)])
            print("revoked \(id)")
        }
    }
}

extension Role: ExpressibleByArgument {}
