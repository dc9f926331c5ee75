import Foundation
import LoaConfig
import LoaServer
import LoaStore
import Testing

/// What `loa status --json` says about watchers: no PostgreSQL needed.
@Suite("Watcher status")
struct WatcherStatusViewTests {
    func configured(_ names: [String]) throws -> [GatewayConfiguration.Watcher] {
        let yaml = "watchers:\n" + names.map { "  \($0):\n    url: postgres://db/motcua\n    table: dossiers\n" }.joined()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-watcher-status-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: [:]).watchers
    }

    @Test("each configured watcher with its lag, cursor and error; a cursor no longer configured is still shown")
    func statusJSON() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_100)
        let cursors = [
            WatcherCursor(
                name: "motcua", position: WatcherPosition(updatedAtMicros: 1_796_000_000_123_456, rowId: "42"),
                readThrough: Date(timeIntervalSince1970: 1_796_000_040), changes: 12, rejected: 2,
                lastError: "source unreachable (connectionError)", savedAt: now),
            WatcherCursor(name: "old", savedAt: now),
        ]
        let views = WatcherStatusView.all(configured: try configured(["motcua", "fresh"]), cursors: cursors, now: now)
        let summary = StatusSummary(
            at: now, messagesByState: [:], dueNow: 0, waiting: [:], oldestWaitingSince: nil, inDoubtAttempts: 0,
            sentWithoutReport: 0, today: [:], segmentsSentToday: 0)
        let json = try #require(try JSONSerialization.jsonObject(with: StatusWithWatchersView(summary: summary, watchers: views).json()) as? [String: Any])
        let watchers = try #require(json["watchers"] as? [[String: Any]])
        // The configured ones in name order, then the rest.
        #expect(watchers.map { $0["name"] as? String } == ["fresh", "motcua", "old"])
        let motcua = watchers[1]
        #expect(motcua["lagSeconds"] as? Double == 60)
        #expect(motcua["changes"] as? Int == 12)
        #expect(motcua["rejected"] as? Int == 2)
        #expect(motcua["lastError"] as? String == "source unreachable (connectionError)")
        let cursor = try #require(motcua["cursor"] as? [String: Any])
        #expect(cursor["updatedAt"] as? String == "2026-11-30T00:53:20.123456Z")
        #expect(cursor["rowId"] as? String == "42")
        #expect(watchers[0]["lagSeconds"] == nil || watchers[0]["lagSeconds"] is NSNull, "a watcher that never ran has no lag")
        #expect(watchers[2]["table"] as? String == "(no longer configured)")
        // The summary's own fields are still there, beside the watchers.
        #expect(json["queueDepth"] != nil)
    }
}
