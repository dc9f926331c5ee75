import Foundation
import LoaStore
import NIOSSL
import PostgresNIO

/// Reads a `postgres://` URL into the pool's configuration.
///
/// `postgres://user:password@host:port/database?sslmode=require&pool=20`: user, password, port
/// (5432) and database (the user's name) as libpq reads them; `sslmode` is `disable`, `prefer`
/// (the default) or `require` (`verify-full` is taken as `require`, which verifies the
/// certificate and host name); `pool` caps the connections this process opens (default 20);
/// `connect_timeout` is how many seconds an operation waits for a connection (default 5) before
/// it fails as unavailable (the API answers 503).
/// A `host` query item starting with `/` connects through that Unix socket directory.
enum PostgresURL {
    static func parse(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw StoreLocation.Invalid(description: "not a postgres:// URL")
        }
        let items = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else {
            throw StoreLocation.Invalid(description: "the URL names no user (postgres://USER@host/database)")
        }
        let password = components.percentEncodedPassword?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? nil : path.removingPercentEncoding
        var configuration: PostgresClient.Configuration
        if let socketDirectory = items["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw StoreLocation.Invalid(description: "the URL names no host")
            }
            let tls: PostgresClient.Configuration.TLS
            switch items["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            case let other: throw StoreLocation.Invalid(description: "sslmode \(other) is not disable, prefer or require")
            }
            configuration = .init(host: host, port: components.port ?? 5432, username: user, password: password, database: database, tls: tls)
        }
        if let pool = items["pool"] {
            guard let size = Int(pool), (1...500).contains(size) else {
                throw StoreLocation.Invalid(description: "pool must be a number of connections from 1 to 500")
            }
            configuration.options.maximumConnections = size
        }
        configuration.options.connectTimeout = .seconds(5)
        if let wait = items["connect_timeout"] {
            guard let seconds = Double(wait), seconds > 0, seconds <= 300 else {
                throw StoreLocation.Invalid(description: "connect_timeout must be a number of seconds above 0, at most 300")
            }
            configuration.options.connectTimeout = .milliseconds(Int64(seconds * 1000))
        }
        return configuration
    }
}
