import Foundation
import LoaConfig
import LoaSettings
import LoaStore
import Testing

/// `database.url`: which store, from the file, `LOA_DATABASE_URL` or `--database`.
@Suite("Database configuration")
struct DatabaseConfigurationTests {
    func load(_ yaml: String, environment: [String: String] = [:], flags: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment, flags: flags)
    }

    @Test("without database.url the store is the SQLite file database.path, as before")
    func defaultsToSQLitePath() throws {
        #expect(try load("").database.location == .sqlite(path: "./loa.sqlite"))
        let configured = try load("database:\n  path: /srv/loa/loa.sqlite\n")
        #expect(configured.database.location == .sqlite(path: "/srv/loa/loa.sqlite"))
        #expect(configured.database.path == "/srv/loa/loa.sqlite")
    }

    @Test("database.url picks the driver; the environment and flags override the file")
    func urlPicksTheDriver() throws {
        let postgres = "postgres://loa:secret@db.example:5432/loa?sslmode=require"
        let fromFile = try load("database:\n  url: \(postgres)\n  path: ./node\n")
        #expect(fromFile.database.location == .postgres(url: postgres))
        // The node's own provider files still go beside database.path.
        #expect(fromFile.database.path == "./node")
        #expect(try load("", environment: ["LOA_DATABASE_URL": "sqlite:/tmp/x.sqlite"]).database.location == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try load("database:\n  url: \(postgres)\n", flags: ["database.url": "sqlite:./other.sqlite"]).database.location
            == .sqlite(path: "./other.sqlite"))
    }

    @Test("an unknown scheme is refused naming database.url; a password never shows in the location's description")
    func refusalsAndMasking() throws {
        #expect {
            try load("database:\n  url: mysql://root@localhost/loa\n")
        } throws: { error in
            (error as? ConfigurationError)?.key == "database.url"
        }
        let location = try StoreLocation(url: "postgres://loa:s3cret@db.example/loa")
        #expect(!location.description.contains("s3cret"))
        #expect(location.description == "postgres://loa:***@db.example/loa")
        #expect(try StoreLocation(url: "sqlite:///var/lib/loa.sqlite") == .sqlite(path: "/var/lib/loa.sqlite"))
        #expect(try StoreLocation(url: "./loa.sqlite") == .sqlite(path: "./loa.sqlite"))
    }
}
