import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
import LoaStore

/// `loa purge [--dry-run]`: removes the personal data past `retention.messages` now, as the
/// janitor of `loa serve` does every hour, and prints what went (or would go) per table.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove personal data past retention.messages (phone numbers, names, texts; attempts, reports, events, closed dossiers).")

    @OptionGroup var options: DatabaseOptions

    @Flag(name: .long, help: "Only count what would be removed.")
    var dryRun = false

    func run() async throws {
        let (configuration, store) = try await options.openStore()
        let horizon = configuration.retention.horizon(now: Date())
        let days = configuration.retention.messageSeconds / 86_400
        print("retention.messages: \(days.formatted(.number.precision(.fractionLength(0...2)))) days; horizon \(horizon.formatted(.iso8601))")
        let counts = dryRun ? try await store.purgeable(horizon: horizon) : try await store.purgeAll(horizon: horizon)
        for (table, count) in counts.byTable {
            print("\(table.padding(toLength: 10, withPad: " ", startingAt: 0))\(count)")
        }
        let auditHorizon = configuration.retention.auditHorizon(now: Date())
        if !dryRun {
            let forgotten = try await store.forgetAllAudit(before: auditHorizon)
            print("\("audit".padding(toLength: 10, withPad: " ", startingAt: 0))\(forgotten) (retention.audit: before \(auditHorizon.formatted(.iso8601)))")
        }
        print(dryRun ? "dry run: nothing was removed" : "removed")
    }
}
