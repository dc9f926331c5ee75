import ArgumentParser
import LoaConfig
import LoaStore

/// `loa migrate`: creates or upgrades the database schema.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let (configuration, _) = try await options.openStore()
        print("migrated \(configuration.database.location)")
    }
}
