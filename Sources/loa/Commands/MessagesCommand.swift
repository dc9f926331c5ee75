import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
import LoaStore

/// `loa messages retry|cancel|held|release …`: the operator actions of the API, from the command line.
struct MessagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages", abstract: "Retry failed messages, cancel unsent ones, release those held for a text review.",
        subcommands: [Retry.self, Cancel.self, Held.self, Release.self])

    /// Prints one line per id and fails when any could not be acted on.
    static func report(_ outcomes: [String: MessageActionOutcome], ids: [String]) throws {
        var problems = 0
        for id in ids {
            switch outcomes[id] ?? .notFound {
            case .retried(let newId): print("\(id)\tretried as \(newId)")
            case .cancelled: print("\(id)\tcancelled")
            case .notFound:
                problems += 1
                print("\(id)\tnot found")
            case .notAllowed(let state):
                problems += 1
                print("\(id)\tnot allowed in state \(state.rawValue)")
            case .personalDataRemoved:
                problems += 1
                print("\(id)\tits phone number and text were removed (retention.messages); it cannot be sent again")
            }
        }
        if problems > 0 { throw ExitCode.failure }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send failed, undelivered or expired messages again (as new messages; the old ones stay as they were).")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "Message ids.")
        var ids: [String]

        func run() async throws {
            let (configuration, store) = try await options.openStore()
            try MessagesCommand.report(try await store.retry(ids: ids, at: Date(), quietHours: configuration.quietHours), ids: ids)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel messages that have not been submitted yet.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "Message ids.")
        var ids: [String]

        func run() async throws {
            let (_, store) = try await options.openStore()
            try MessagesCommand.report(try await store.cancel(ids: ids, reason: "cancelled from the command line", at: Date()), ids: ids)
        }
    }
}
