import LoaSettings
import LoaStore

extension GatewayConfiguration {
    /// `database.url` (also `LOA_DATABASE_URL` and `--database`), else the SQLite file
    /// `database.path`; `database.synchronous` for SQLite.
    static func database(_ settings: LayeredSettings) throws(ConfigurationError) -> Database {
        let path = settings.string("database.path", default: "./loa.sqlite")
        let url = settings.string("database.url", default: "sqlite:" + path)
        let location: StoreLocation
        do {
            location = try StoreLocation(url: url)
        } catch {
            throw ConfigurationError(key: "database.url", message: "\(error.description)")
        }
        return Database(
            location: location, path: location.sqlitePath ?? path,
            synchronous: try settings.choice("database.synchronous", default: .full))
    }
}
