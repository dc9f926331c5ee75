import Foundation
import LoaCore
import LoaTestSupport
import Testing

/// Headless Chromium (Debian `chromium`) on the PATH: the dashboard's real browser.
enum ChromiumPeer {
    static var executable: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/chromium"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Run when Chromium is installed, and always under CI (where its absence fails the test).
    static var enabled: Bool {
        if executable == nil, !Peers.isCI {
            print("⚠️ SKIPPED: the dashboard's browser test needs chromium (apt-get install -y chromium)")
        }
        return Peers.isCI || executable != nil
    }
}

@Suite("Dashboard in headless Chromium")
struct DashboardChromiumTests {
    @Test("Chromium signs in through the form over loopback and renders the seeded figures; the screenshot is kept in .build/artefacts",
          .enabled(if: ChromiumPeer.enabled))
    func signedInOverview() async throws {
        let chromium = try #require(ChromiumPeer.executable, "chromium is not installed (apt-get install -y chromium)")
        let harness = try await TestGateway.make(["server.port": "0"])
        defer { try? FileManager.default.removeItem(at: harness.folder) }
        let seed = try await DashboardRouteTests.seed(harness)
        let artefacts = TestGateway.repositoryRoot.appendingPathComponent(".build/artefacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let dom = harness.folder.appendingPathComponent("dashboard.html")
        let screenshot = artefacts.appendingPathComponent("dashboard.png")
        try? FileManager.default.removeItem(at: screenshot)
        let script = TestGateway.repositoryRoot.appendingPathComponent("scripts/peers/dashboard_browser.py").path
        let answer = try await LoopbackServer.serving(harness.gateway) { port in
            try await Peers.runCapturing(
                "/usr/bin/python3", [script, "http://127.0.0.1:\(port)", harness.key("operator"), dom.path, screenshot.path, chromium],
                input: Data())
        }
        #expect(String(decoding: answer, as: UTF8.self).contains("\"path\": \"/\""))
        let page = DashboardBrowser.Page(status: .ok, headers: [:], body: try String(contentsOf: dom, encoding: .utf8))
        #expect(page.body.contains("Tổng quan"))
        #expect(page.figure("data-figure", "messages", in: "week") == "\(seed.messages.count)")
        let todayStart = DashboardRouteTests.vietnamDayStart(Date())
        #expect(page.figure("data-figure", "messages", in: "today") == "\(seed.messages.filter { $0.message.createdAt >= todayStart }.count)")
        for state in MessageState.allCases {
            #expect(page.figure("data-state", state.rawValue, in: "week") == "\(seed.messages.filter { $0.fate.state == state }.count)", "\(state)")
        }
        #expect(DashboardRouteTests.row(page, table: "table-commune", key: "na-u") == "\(seed.messages.filter { $0.message.commune == "na-u" }.count)")
        let delivered = page.body.matches(of: #/data-series="delivered" data-value="(\d+)"/#).map { Int($0.1)! }
        #expect(delivered.reduce(0, +) == seed.messages.filter { $0.fate == .delivered }.count)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000)
    }
}
