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
            abstract: "Create a key and print it alone on the last line (shown once; only its hash is stored).")

        @OptionGroup var options: DatabaseOptions

        @Option(help: "ingest, officer, operator or admin.")
        var role: Role

        @Option(help: "The commune an officer key is limited to (required for officers).")
        var commune: String?

        @Option(help: "A name to recognise the key by.")
        var name: String?

        func validate() throws {
            if role == .officer && (commune ?? "").isEmpty {
                throw ValidationError("an officer key needs --commune CODE (a key of config/communes.yaml)")
            }
            if role != .officer && commune != nil {
                throw ValidationError("--commune applies to officer keys only")
            }
        }

        func run() async throws {
            let (_, store) = try await options.openStore()
            let (key, secret) = APIKeySecret.issue(name: name ?? role.rawValue, role: role, commune: commune, at: Date())
            try await store.insert(key)
            print("created key \(key.id) (\(key.role)\(key.commune.map { ", commune \($0)" } ?? "")); it is shown once:")
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (_, store) = try await options.openStore()
            for key in try await store.keys() {
                let state = key.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                print([key.id, key.role.rawValue, key.commune ?? "-", key.name, key.createdAt.formatted(.iso8601), state].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops working at once.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The key id, as shown by 'loa keys list'.")
        var id: String

        func run() async throws {
            let (_, store) = try await options.openStore()
            guard try await store.revokeKey(id: id, at: Date()) else {
                throw ValidationError("no active key \(id); see 'loa keys list'")
            }
            print("revoked \(id)")
        }
    }
}

extension Role: ExpressibleByArgument {}
