import ArgumentParser
import Foundation
import LoaCore
import LoaStore

/// `loa status`: messages by state and in-doubt attempts, read straight from the database.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show messages by state and in-doubt attempts.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let (_, store) = try await options.openStore()
        let counts = try await store.countsByState()
        for state in MessageState.allCases {
            print("\(state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))\(counts[state] ?? 0)")
        }
        print("in-doubt attempts (resent): \(try await store.inDoubtAttemptCount())")
    }
}
