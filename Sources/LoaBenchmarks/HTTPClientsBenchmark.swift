import AsyncHTTPClient
import Foundation
import LoaCore
import LoaPeers
import LoaProviders
import LoaTestSupport
import NIOCore
import NIOHTTP1

/// Loa's Kannel adapter on its own client (`LoaHTTPClient`) against the same submissions on
/// AsyncHTTPClient, the client of the HTTPS providers: `--requests` submissions from
/// `--concurrency` tasks to a Kannel stand-in (``FakeKannel``, no delivery reports), each client
/// in a process of its own (this executable again, `--client`), so that its CPU time is the
/// client's alone. `--runs` rounds of both, alternating; medians of requests per second and CPU
/// time per request of the sending process.
///
/// Both build the same `sendsms` request (``KannelProvider/sendTarget(for:)``) and read the
/// answer the same way (``KannelProvider/interpret(status:body:messageId:retryAfterSeconds:)``);
/// AsyncHTTPClient keeps as many connections as there are concurrent submissions, as Loa's own
/// client does.
struct HTTPClientsBenchmark {
    let options: BenchmarkOptions

    /// The clients compared, by the name `--client` takes.
    private static let clients = ["LoaHTTPClient", "AsyncHTTPClient"]

    func run() async throws {
        if let client = options.value("client") { return try await sendAsChild(client: client) }
        let requests = options.int("requests", default: 50_000), concurrency = options.int("concurrency", default: 64)
        let runs = max(1, options.int("runs", default: 3))
        print("loa-bench http-clients: \(runs) rounds of \(requests) Kannel submissions from \(concurrency) tasks to a Kannel stand-in, "
              + "per client; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let kannel = try await FakeKannel.start(settings: FakeKannelSettings(sendsReceipts: false))
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var figures: [String: [(perSecond: Double, cpuMicroseconds: Double)]] = [:]
        for round in 1...runs {
            for client in Self.clients {
                let output = try await Peers.runCapturing(executable, [
                    "http-clients", "--client", client, "--url", kannel.sendURL, "--requests", String(requests), "--concurrency", String(concurrency),
                ], input: Data())
                let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
                guard fields.count == 2 else { throw BenchmarkError("the \(client) process printed \(String(decoding: output, as: UTF8.self))") }
                let figure = (perSecond: Double(requests) / fields[0], cpuMicroseconds: fields[1] * 1e6 / Double(requests))
                figures[client, default: []].append(figure)
                print("  round \(round), \(client): " + String(format: "%6.0f requests/s, CPU %5.1f µs/request", figure.perSecond, figure.cpuMicroseconds))
            }
        }
        try await kannel.stop()
        print("medians of \(runs) rounds:")
        for client in Self.clients {
            print("  \(client): " + String(format: "%6.0f requests/s, CPU %5.1f µs/request",
                                             figures[client, default: []].map(\.perSecond).median, figures[client, default: []].map(\.cpuMicroseconds).median))
        }
        let loa = figures[Self.clients[0], default: []], async = figures[Self.clients[1], default: []]
        print(String(format: "ratio AsyncHTTPClient / LoaHTTPClient: requests/s %.2f, CPU per request %.2f",
                     async.map(\.perSecond).median / loa.map(\.perSecond).median, async.map(\.cpuMicroseconds).median / loa.map(\.cpuMicroseconds).median))
    }

    /// The child: sends every submission with `client` and prints the seconds it took and the
    /// CPU seconds this process spent meanwhile.
    private func sendAsChild(client: String) async throws {
        guard let url = options.value("url").flatMap(URL.init(string:)) else { throw BenchmarkError("--url is missing") }
        let requests = options.int("requests", default: 50_000), concurrency = options.int("concurrency", default: 64)
        let kannel = try KannelProvider(name: "kannel", settings: KannelSettings(
            sendURL: url, username: "loa", password: "loa-secret", receiptBaseURL: URL(string: "http://127.0.0.1:9")!,
            receiptSecret: "loa-bench-receipt-secret-of-at-least-32-bytes"))
        let texts = try BenchmarkText.resultReady()
        let submissions = try (0..<requests).map { index in
            let text = texts[index % texts.count]
            return SubmitRequest(
                messageId: "msg_bench\(index)", attempt: 1, to: try PhoneNumber(e164: String(format: "+849%08d", index)), text: text.text,
                encoding: text.ucs2 ? .ucs2 : .gsm7, segments: text.parts, sender: "LOA", kind: .resultReady)
        }
        let submit: @Sendable (SubmitRequest) async throws -> Void
        var asyncClient: HTTPClient?
        switch client {
        case Self.clients[0]:
            submit = { _ = try await kannel.submit($0) }
        case Self.clients[1]:
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            asyncClient = http
            let origin = "\(url.scheme ?? "http")://\(url.host ?? "127.0.0.1"):\(url.port ?? 80)"
            submit = { request in
                let response = try await http.execute(HTTPClientRequest(url: origin + kannel.sendTarget(for: request)), timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 64 * 1024)
                _ = try KannelProvider.interpret(status: Int(response.status.code), body: String(buffer: body), messageId: request.messageId)
            }
        default:
            throw BenchmarkError("--client is \(Self.clients.joined(separator: " or ")), not \(client)")
        }
        let cpu = ProcessCPU(processIdentifiers: [getpid()])
        let cpuBefore = try cpu.used()
        let start = ContinuousClock.now
        try await Tickets.work(through: requests, workers: concurrency) { index in try await submit(submissions[index]) }
        let elapsed = ContinuousClock.now - start
        let cpuUsed = try cpu.used() - cpuBefore
        try await asyncClient?.shutdown()
        print(elapsed.seconds, cpuUsed.seconds)
    }
}
