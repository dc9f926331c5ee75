import AsyncHTTPClient
import Foundation
import LoaPeers
import NIOCore
import NIOHTTP1

/// Real Kannel (bearerbox with its store file, smsbox, fakesmsc as the SMSC) driven over its
/// HTTP `sendsms` interface: how many messages per second it moves from HTTP to the SMSC.
struct KannelBaseline {
    let messages: [(text: String, ucs2: Bool)]
    let clients: Int
    let logLevel: Int

    /// Sends every message and returns messages per second, from the first request until
    /// fakesmsc has logged the last one.
    func run() async throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-bench-kannel-\(UUID().uuidString)")
        let environment = [
            "KANNEL_LOG_LEVEL": String(logLevel),
            "KANNEL_ADMIN_PORT": String(try LoopbackPort.free()), "KANNEL_SMSBOX_PORT": String(try LoopbackPort.free()),
            "KANNEL_SENDSMS_PORT": String(try LoopbackPort.free()), "KANNEL_FAKESMSC_PORT": String(try LoopbackPort.free()),
        ]
        try KannelScript.run(["start", folder.path], repositoryRoot: ServedLoa.repositoryRoot, environment: environment)
        defer {
            try? KannelScript.run(["stop", folder.path], repositoryRoot: ServedLoa.repositoryRoot, environment: environment)
            try? FileManager.default.removeItem(at: folder)
        }
        let sendURL = "http://127.0.0.1:\(environment["KANNEL_SENDSMS_PORT"]!)/cgi-bin/sendsms"
        let log = folder.appendingPathComponent("fakesmsc.log").path
        let alreadyLogged = try FakeSMSCLog.count(at: log)

        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: clients)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let urls = messages.enumerated().map { index, message in
            let parameters = [
                ("username", "loa"), ("password", "loa-secret"), ("from", "Loa"),
                ("to", String(format: "+849%08d", index % 100_000_000)), ("text", message.text),
                ("charset", "UTF-8"), ("coding", message.ucs2 ? "2" : "0"),
            ]
            return sendURL + "?" + parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        let tickets = Tickets()
        let start = ContinuousClock.now
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        while true {
                            let index = tickets.take()
                            guard index < urls.count else { return }
                            let response = try await client.execute(HTTPClientRequest(url: urls[index]), timeout: .seconds(60))
                            let body = try await response.body.collect(upTo: 64 * 1024)
                            guard response.status.code == 202 else { throw BenchmarkError("Kannel answered \(response.status): \(String(buffer: body))") }
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        let deadline = ContinuousClock.now + .seconds(300)
        while try FakeSMSCLog.count(at: log) - alreadyLogged < messages.count {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("fakesmsc did not log every message within 300 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Double(messages.count) / (ContinuousClock.now - start).seconds
    }
}

/// fakesmsc's log: a `Got message` line for each message the fake SMSC receives.
enum FakeSMSCLog {
    static func count(at path: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        let needle = Array("Got message".utf8)
        var count = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard bytes.count >= needle.count else { return }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0], (1..<needle.count).allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    count += 1
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        return count
    }
}
