import ArgumentParser
import LoaConfig
import LoaStore

/// `--config` and `--database`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default config/loa.yaml if it exists).")
    var config: String?

    @Option(name: .long, help: "SQLite database file (overrides database.path and LOA_DATABASE_PATH).")
    var database: String?

    /// Flags as dotted configuration keys.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let database { flags["database.path"] = database }
        return flags
    }

    /// The configuration and its store, opened and migrated.
    func openStore() async throws -> (GatewayConfiguration, SQLiteStore) {
        let configuration = try load()
        let store = try SQLiteStore(path: configuration.database.path, synchronous: configuration.database.synchronous)
        try await store.migrate()
        return (configuration, store)
    }

    /// The validated configuration with these options applied.
    func load(extraFlags: [String: String] = [:]) throws -> GatewayConfiguration {
        do {
            return try GatewayConfiguration.load(configPath: config, flags: flags.merging(extraFlags) { $1 })
        } catch {
            throw ValidationError("configuration error: \(error)")
        }
    }
}
