import Foundation
import LoaHTTPClient
import LoaPeers

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
        try await KannelScript.run(["start", folder.path], repositoryRoot: ServedLoa.repositoryRoot, environment: environment)
        defer {
            try? KannelScript.run(["stop", folder.path], repositoryRoot: ServedLoa.repositoryRoot, environment: environment)
            try? FileManager.default.removeItem(at: folder)
        }
        let client = KeepAliveHTTPClient(origin: try HTTPOrigin("http://127.0.0.1:\(environment["KANNEL_SENDSMS_PORT"]!)"), maxConnections: clients)
        let log = folder.appendingPathComponent("fakesmsc.log").path
        let fakeSMSCLog = FakeSMSCLog(path: log)
        let alreadyLogged = try fakeSMSCLog.refresh()

        let targets = messages.enumerated().map { index, message in
            let parameters = [
                ("username", "loa"), ("password", "loa-secret"), ("from", "Loa"),
                ("to", String(format: "+849%08d", index % 100_000_000)), ("text", message.text),
                ("charset", "UTF-8"), ("coding", message.ucs2 ? "2" : "0"),
            ]
            return "/cgi-bin/sendsms?" + parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        let start = ContinuousClock.now
        try await Tickets.work(through: targets.count, workers: clients) { index in
            let reply = try await client.execute(HTTPRequest(target: targets[index]), timeout: .seconds(60))
            guard reply.status == 202 else { throw BenchmarkError("Kannel answered \(reply.status): \(reply.text)") }
        }
        client.closeIdleConnections()
        let deadline = ContinuousClock.now + .seconds(300)
        while try fakeSMSCLog.refresh() - alreadyLogged < messages.count {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("fakesmsc did not log every message within 300 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Double(messages.count) / (ContinuousClock.now - start).seconds
    }
}

/// fakesmsc's log: counts the `Got message` lines the fake SMSC writes, one per message,
/// reading only what was appended since the last count (polling must not slow Kannel down).
final class FakeSMSCLog {
    private let path: String
    private var offset: UInt64 = 0
    private var carry: [UInt8] = []
    private(set) var count = 0
    private static let needle = Array("Got message".utf8)

    init(path: String) { self.path = path }

    /// Reads what fakesmsc appended and returns the number of messages logged so far.
    func refresh() throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return count }
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let appended = try handle.readToEnd() ?? Data()
        offset += UInt64(appended.count)
        // Lines are counted whole: a partial last line waits for the next read.
        var bytes = carry + appended
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
            carry = bytes
            return count
        }
        carry = Array(bytes[(lastNewline + 1)...])
        bytes.removeSubrange((lastNewline + 1)...)
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.count >= Self.needle.count {
            if line.indices.contains(where: { line[$0...].starts(with: Self.needle) }) { count += 1 }
        }
        return count
    }
}
