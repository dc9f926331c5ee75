import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
import LoaStore

/// `loa optouts list|add|remove`: the phones that stopped notifications (SMS `TC`/`HUY`/`STOP`),
/// and an operator's stop or resume on a resident's behalf (a resident who asked at the office).
struct OptOutsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optouts",
        abstract: "List, add or remove phones that stopped notifications.",
        subcommands: [List.self, Add.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List phones that stopped notifications, newest first (numbers masked).")

        @OptionGroup var options: DatabaseOptions

        @Option(help: "At most this many.")
        var limit = 100

        func run() async throws {
            let (_, store) = try await options.openStore()
            let optOuts = try await store.optOuts(limit: max(1, limit))
            guard !optOuts.isEmpty else {
                print("no phone has stopped notifications")
                return
            }
            for optOut in optOuts {
                print("\(optOut.phone.masked)  since \(optOut.optedOutAt.formatted(.iso8601))  by \(optOut.source)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop notifications to a phone (urgent appointment changes still go).")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The phone number, e.g. 0912345678 or +84912345678.")
        var phone: String

        func run() async throws {
            try await OptOutsCommand.apply(.optOut(source: "operator:cli"), to: phone, options, saying: "notifications stopped")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send notifications to a phone again.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The phone number.")
        var phone: String

        func run() async throws {
            try await OptOutsCommand.apply(.optIn, to: phone, options, saying: "notifications resumed")
        }
    }

    /// Applies `change` to `phone`'s preferences and says so, the number masked.
    static func apply(_ change: ResidentPreferenceChange, to phone: String, _ options: DatabaseOptions, saying done: String) async throws {
        let (configuration, store) = try await options.openStore()
        let number: PhoneNumber
        do {
            number = try PhoneNumber(parsing: phone, allowForeign: configuration.allowForeignNumbers)
        } catch {
            throw ValidationError("\(error.message)")
        }
        try await store.change(change, for: number, at: Date())
        print("\(number.masked): \(done)")
    }
}
