import ArgumentParser
import LoaConfig
import LoaServer
import LoaStore
import Logging

/// `--config` and `--database`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default config/loa.yaml if it exists).")
    var config: String?

    @Option(name: .long, help: "The store: sqlite:PATH, a SQLite file path, or postgres://user@host/database (overrides database.url, LOA_DATABASE_URL and database.path).")
    var database: String?

    /// Flags as dotted configuration keys. A bare path is a SQLite file, and also where this
    /// node's provider files go (`database.path`).
    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let database {
            if case .sqlite(let path)? = try? StoreLocation(url: database) { flags["database.path"] = path }
            flags["database.url"] = database
        }
        return flags
    }

    /// The configuration and its store, opened and migrated. The process ends with the
    /// command, and with it the store's connections.
    func openStore() async throws -> (GatewayConfiguration, any Store) {
        let configuration = try load()
        let opened = try await StoreFactory.open(configuration.database, logger: Logger(label: "loa.store"))
        return (configuration, opened.store)
    }

    /// The SQLite file of the configuration, for commands that work on the file itself
    /// (`backup`, `restore`); a PostgreSQL store is refused with `what` to do instead.
    func sqlitePath(for command: String, instead: String) throws -> (GatewayConfiguration, String) {
        let configuration = try load()
        guard let path = configuration.database.location.sqlitePath else {
            throw ValidationError("loa \(command) works on a SQLite file; database.url is \(configuration.database.location) (PostgreSQL): \(instead)")
        }
        return (configuration, path)
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
