import Foundation
import LoaTestSupport
import Testing

/// The dossier watcher as an operator runs it: `loa watcher install-trigger`, `loa serve` with
/// `watchers.<name>` in its configuration file, `loa status`, on a real PostgreSQL source.
@Suite("loa serve with a dossier watcher", .serialized,
       .enabled(if: Peers.isCI || ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"] != nil,
                "LOA_TEST_POSTGRES_URL is not set (scripts/peers/postgres.sh start, or run scripts/test); skipping the watcher's command-line test"))
struct WatcherBinaryTests {
    @Test("a row of the watched table becomes a delivered message; loa status shows the watcher; the trigger is installed and removed from the command line")
    func watcherThroughTheBinary() async throws {
        let source = try PostgresCluster()
        defer { source.remove() }
        try await source.start()
        try await Self.psql(source, """
            CREATE TABLE dossiers (id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL, status INT NOT NULL,
                procedure TEXT NOT NULL, commune TEXT NOT NULL, phone TEXT NOT NULL, name TEXT NOT NULL,
                locale TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """)
        let loa = try LoaBinary(environment: ["LOA_DISPATCH_POLL": "100ms"], configuration: """
            watchers:
              motcua:
                url: \(source.url())
                table: dossiers
                poll: 1h
                safetyLag: 100ms
            """)
        let installed = try await loa.run(["watcher", "install-trigger", "motcua"])
        #expect(installed.contains("installed trigger loa_watch_motcua on dossiers"))
        let officer = try await loa.createKey(role: "officer", commune: "na-u")
        try await loa.start()
        // Started from now, with an hour between polls: only the trigger's notification brings the row in time.
        try await Self.waitForStatus(loa, "the watcher's first read") { $0["readThrough"] != nil }
        try await Self.psql(source, """
            INSERT INTO dossiers (code, status, procedure, commune, phone, name, locale)
            VALUES ('WATCH-1', 9, 'cccd_issue', 'na-u', '0912345678', 'Giàng A Páo', 'hmn')
            """)
        let watcher = try await Self.waitForStatus(loa, "the change read") { ($0["changes"] as? Int) == 1 }
        #expect(watcher["rejected"] as? Int == 0)
        #expect(watcher["lastError"] == nil || watcher["lastError"] is NSNull)
        let lag = try #require(watcher["lagSeconds"] as? Double)
        #expect(lag < 300)
        let listed = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages?dossierCode=WATCH-1", key: officer)
        let id = try #require((listed.json["messages"] as? [[String: Any]])?.first?["id"] as? String)
        let message = try await waitForState("delivered", id: id, loa: loa, key: officer)
        #expect(message["locale"] as? String == "hmn")
        let text = try await loa.run(["status"])
        #expect(text.contains("watcher motcua"))
        #expect(text.contains("1 change, 0 rejected"))
        #expect(await loa.terminate() == 0)
        #expect(!loa.logs().contains("912345678"))
        let removed = try await loa.run(["watcher", "uninstall-trigger", "motcua"])
        #expect(removed.contains("removed the trigger of watcher motcua"))
        let refused = try await loa.runFailing(["watcher", "install-trigger", "nosuch"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("no watcher 'nosuch'") && refused.error.contains("configured: motcua"))
    }

    static func psql(_ cluster: PostgresCluster, _ sql: String) async throws {
        _ = try await Peers.runCapturing("/usr/bin/psql", [cluster.url(), "-v", "ON_ERROR_STOP=1", "-c", sql], input: Data())
    }

    /// Polls `loa status --json` until the watcher `motcua` satisfies `condition`; returns it.
    @discardableResult
    static func waitForStatus(_ loa: LoaBinary, _ what: String, until condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(120)
        var last: [String: Any] = [:]
        while Date() < deadline {
            let output = try await loa.run(["status", "--json"])
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            last = (json?["watchers"] as? [[String: Any]])?.first { $0["name"] as? String == "motcua" } ?? [:]
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HarnessError("timed out waiting for \(what); the watcher's status: \(last)\n\(loa.logs())")
    }
}
