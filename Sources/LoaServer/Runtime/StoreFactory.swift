public import LoaConfig
import LoaPostgres
import LoaSettings
public import LoaStore
public import Logging

/// An open store and how to close it: what ``StoreFactory/open(_:logger:)`` returns.
///
/// A PostgreSQL store runs a connection pool from opening until ``close()``; a SQLite store
/// holds its file. Close it once nothing writes any more (after the gateway's services stopped).
public struct OpenStore: Sendable {
    /// The store, whatever its driver.
    public let store: any Store
    /// Where it lives (a PostgreSQL URL without its password).
    public let location: StoreLocation
    private let closing: @Sendable () async -> Void

    /// Waits for the operations under way, then releases the store's connections or file.
    public func close() async { await closing() }

    init(store: any Store, location: StoreLocation, close: @escaping @Sendable () async -> Void) {
        self.store = store
        self.location = location
        self.closing = close
    }
}

/// The one place a driver is chosen: `database.url` (`sqlite:PATH` or `postgres://…`).
///
/// ```swift
/// let opened = try await StoreFactory.open(configuration.database, logger: logger)   // migrated
/// try await work(opened.store)
/// await opened.close()
/// ```
public enum StoreFactory {
    /// Opens the store `database` names and brings its schema up to date (under an advisory
    /// lock for PostgreSQL, so several nodes may start at once). A PostgreSQL URL that cannot
    /// be used is a ``ConfigurationError`` for `database.url`.
    public static func open(_ database: GatewayConfiguration.Database, logger: Logger) async throws -> OpenStore {
        let opened: OpenStore
        switch database.location {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path, synchronous: database.synchronous)
            opened = OpenStore(store: store, location: database.location, close: {})
        case .postgres(let url):
            let store: PostgresStore
            do {
                store = try PostgresStore(url: url, logger: logger)
            } catch let error as StoreLocation.Invalid {
                throw ConfigurationError(key: "database.url", message: error.description)
            }
            opened = OpenStore(store: store, location: database.location, close: { await store.close() })
        }
        do {
            try await opened.store.migrate()
        } catch let error as StoreUnavailableError {
            await opened.close()
            throw StoreUnreachable(location: database.location, reason: error.reason)
        } catch {
            await opened.close()
            throw error
        }
        return opened
    }
}

/// The store could not be reached to open it (a PostgreSQL server stopped, unreachable, or not
/// taking connections within `connect_timeout`): says where, without the password, and what to check.
public struct StoreUnreachable: Error, CustomStringConvertible {
    public let location: StoreLocation
    public let reason: String

    public var description: String {
        "cannot open the store at \(location) (\(reason)): check that the database is running and reachable and that database.url is right"
    }
}
