import Foundation
import LoaTestSupport
import NIOHTTP1

/// `loa-bench dashboard`: a SQLite database of `--messages` messages (default 1,000,000) over
/// the last 30 days (``MillionMessages``), the real `loa serve` on it, an operator signed in to
/// the dashboard; then each page, `/v1/stats` and `/v1/status` and `/metrics` fetched `--requests`
/// times (default 30) one after another over loopback HTTP, with median and p95 printed. The
/// issue's target is 200 ms per page. `--keep PATH` keeps a copy of the seeded database.
struct DashboardBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let count = options.int("messages", default: 1_000_000)
        let requests = options.int("requests", default: 30)
        // Page speed, not the limiter: dashboard pages are charged to the client address (20
        // requests a second, bursts of 100 by default), which back-to-back fetches outrun.
        let loa = try LoaBinary(environment: ["LOA_SERVER_RATE_LIMIT_PER_ADDRESS": "0"])
        _ = try await loa.run(["migrate"])
        let now = Date()
        let seconds = try MillionMessages.seed(databasePath: loa.databasePath, count: count, days: 30, now: now)
        let size = (try? FileManager.default.attributesOfItem(atPath: loa.databasePath)[.size] as? Int) ?? 0
        print(String(format: "seeded %d messages over 30 days in %.1f s (database %.0f MB)", count, seconds, Double(size) / 1e6))
        if let copy = options.value("keep") {
            try FileManager.default.copyItem(atPath: loa.databasePath, toPath: copy)
            print("a copy of the seeded database: \(copy)")
        }
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start()
        defer { Task { _ = await loa.terminate() } }
        let cookie = try await signIn(base: loa.baseURL, key: operatorKey)

        let instant = ISO8601DateFormatter()
        let weekAgo = instant.string(from: now.addingTimeInterval(-7 * 86_400)), nowText = instant.string(from: now)
        // A dossier code the seed gave (message 369's), as an operator would type it.
        let seededCode = String(format: "000.00.00.H15-%06d-%04d", 369 / 3, (369 * 2_654_435_761) % 1_000_003 % 10_000)
        let targets: [(String, String, Bool)] = [
            ("overview /", "/", true),
            ("problems /problems", "/problems", true),
            ("search by dossier code", "/search?q=\(seededCode)", true),
            ("search by phone", "/search?q=0981234567", true),
            ("texts /texts", "/texts", true),
            ("GET /v1/stats (7 days)", "/v1/stats?from=\(weekAgo)&to=\(nowText)", false),
            ("GET /v1/stats by commune", "/v1/stats?from=\(weekAgo)&to=\(nowText)&groupBy=commune", false),
            ("GET /v1/stats by day", "/v1/stats?from=\(weekAgo)&to=\(nowText)&groupBy=day", false),
            ("GET /v1/status", "/v1/status", false),
            ("GET /metrics", "/metrics", false),
        ]
        print("each fetched \(requests) times in a row over loopback HTTP (first request not counted):")
        for (name, path, isPage) in targets {
            var durations: [Duration] = []
            for index in 0...requests {
                let start = ContinuousClock.now
                let reply = try await HTTPJSON.send(
                    .GET, loa.baseURL + path, key: isPage ? nil : operatorKey, body: nil,
                    headers: isPage ? [("Cookie", cookie)] : [])
                let elapsed = ContinuousClock.now - start
                guard reply.status == 200 else { throw HarnessError("\(path) answered \(reply.status): \(reply.text.prefix(300))") }
                if index > 0 { durations.append(elapsed) }
            }
            let latencies = Latencies(durations)
            print("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(
                format: " median %7.1f ms   p95 %7.1f ms   max %7.1f ms",
                latencies.percentile(0.5), latencies.percentile(0.95), latencies.sortedMilliseconds.last ?? .nan))
        }
        print("loa serve exited \(await loa.terminate()) after SIGTERM")
    }

    /// Signs in as the dashboard's form does; returns the session cookie (`name=value`).
    private func signIn(base: String, key: String) async throws -> String {
        let form = try await HTTPJSON.send(.GET, base + "/sign-in")
        guard let pass = Self.cookie(form.headers["Set-Cookie"]), let csrf = Self.csrf(in: form.text) else {
            throw HarnessError("the sign-in form gave no pass cookie or CSRF token")
        }
        let body = "key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)&csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? csrf)"
        let reply = try await HTTPJSON.send(
            .POST, base + "/sign-in", body: Data(body.utf8),
            headers: [("Cookie", pass), ("Sec-Fetch-Site", "same-origin"), ("Origin", base)])
        guard let session = Self.cookie(reply.headers["Set-Cookie"].filter { $0.hasPrefix("loa_session=") }) else {
            throw HarnessError("signing in answered \(reply.status) without a session cookie")
        }
        return session
    }

    private static func cookie(_ headers: [String]) -> String? {
        headers.first { !$0.hasPrefix("loa_signin=;") }?.split(separator: ";").first.map(String.init)
    }

    private static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
