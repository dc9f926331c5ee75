import ArgumentParser
import LoaConfig
import LoaStore

/// `loa migrate`: creates or upgrades the database schema.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let configuration = try options.load()
        let store = try SQLiteStore(path: configuration.database.path, synchronous: configuration.database.synchronous)
        try await store.migrate()
        print("migrated \(configuration.database.path)")
    }
}
