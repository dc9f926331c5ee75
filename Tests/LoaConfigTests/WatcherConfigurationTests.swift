import Foundation
import LoaConfig
import LoaSettings
import Testing

@Suite("Dossier watcher configuration")
struct WatcherConfigurationTests {
    func load(_ yaml: String) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-watchers-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: [:])
    }

    func watcher(_ lines: String) -> String {
        "watchers:\n  motcua:\n    url: postgres://loa:s3cret@db.example:5432/motcua\n    table: public.dossiers\n" + lines
    }

    @Test("a watcher with only url and table gets the documented defaults")
    func defaults() throws {
        let watchers = try load(watcher("")).watchers
        let motcua = try #require(watchers.first)
        #expect(watchers.count == 1)
        #expect(motcua.name == "motcua")
        #expect(motcua.table.relation == "public.dossiers")
        #expect(motcua.table.columns.updatedAt == "updated_at")
        #expect(motcua.table.columns.note == nil)
        #expect(motcua.pollSeconds == 5)
        #expect(motcua.safetyLagSeconds == 2)
        #expect(motcua.batchSize == 500)
        #expect(!motcua.startsAtBeginning)
        #expect(motcua.timeZone == nil)
        #expect(try load("").watchers.isEmpty)
    }

    @Test("names that could be SQL, a non-PostgreSQL URL, an unknown time zone and a bad start are refused by key")
    func refusals() throws {
        let cases: [(yaml: String, key: String)] = [
            (watcher("    columns:\n      status: \"status; DROP TABLE dossiers\"\n"), "watchers.motcua.columns.status"),
            ("watchers:\n  motcua:\n    url: postgres://db/motcua\n    table: \"dossiers d, pg_authid\"\n", "watchers.motcua.table"),
            ("watchers:\n  motcua:\n    url: mysql://db/motcua\n    table: dossiers\n", "watchers.motcua.url"),
            ("watchers:\n  motcua:\n    table: dossiers\n", "watchers.motcua.url"),
            (watcher("    timeZone: Asia/Hanoi_Nowhere\n"), "watchers.motcua.timeZone"),
            (watcher("    start: yesterday\n"), "watchers.motcua.start"),
            ("watchers:\n  Mot-Cua:\n    url: postgres://db/motcua\n    table: dossiers\n", "watchers.Mot-Cua"),
        ]
        for (yaml, key) in cases {
            let error = #expect(throws: ConfigurationError.self) { try load(yaml) }
            #expect(error?.key == key, "\(yaml)")
        }
    }

    @Test("a time zone and optional columns are read; the watcher's description never shows the source's password")
    func timeZoneColumnsAndDescription() throws {
        let motcua = try #require(try load(watcher("    timeZone: Asia/Ho_Chi_Minh\n    columns:\n      note: ghi_chu\n      locale: \"\"\n")).watchers.first)
        #expect(motcua.timeZone == "Asia/Ho_Chi_Minh")
        #expect(motcua.table.columns.note == "ghi_chu")
        #expect(motcua.table.columns.locale == nil)
        #expect(!"\(motcua)".contains("s3cret"))
        #expect("\(motcua)".contains("db.example"))
    }
}
