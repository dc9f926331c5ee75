import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Calls `dlr-url`s back with bounded concurrency, retrying while the receiver is unreachable or
/// answers 5xx, for up to the retry window; a 4xx answer is final.
final class ReceiptPoster: Sendable {
    let ledger: FakeKannelLedger
    private let settings: FakeKannelSettings
    private let client: HTTPClient
    private let queue: AsyncStream<String>.Continuation
    private let worker: Task<Void, Never>
    private let stopped = Mutex(false)

    init(settings: FakeKannelSettings) {
        self.settings = settings
        let ledger = FakeKannelLedger()
        self.ledger = ledger
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.receiptConcurrency)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.client = client
        let (stream, queue) = AsyncStream.makeStream(of: String.self)
        self.queue = queue
        worker = Task { [settings] in
            await withTaskGroup(of: Void.self) { group in
                var inFlight = 0
                for await url in stream {
                    if inFlight == settings.receiptConcurrency {
                        await group.next()
                        inFlight -= 1
                    }
                    group.addTask { await ReceiptPoster.deliver(url, client: client, settings: settings, ledger: ledger) }
                    inFlight += 1
                }
            }
        }
    }

    /// Queues a report.
    func post(_ url: String) {
        queue.yield(url)
    }

    func stop() async throws {
        guard stopped.withLock({ stopped in
            defer { stopped = true }
            return !stopped
        }) else { return }
        queue.finish()
        worker.cancel()
        await worker.value
        try await client.shutdown()
    }

    private static func deliver(_ url: String, client: HTTPClient, settings: FakeKannelSettings, ledger: FakeKannelLedger) async {
        if settings.receiptDelay > .zero { try? await Task.sleep(for: settings.receiptDelay) }
        let deadline = ContinuousClock.now + settings.receiptRetryWindow
        while !Task.isCancelled {
            do {
                let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 64 * 1024)
                switch response.status.code {
                case 200..<300: ledger.receiptPosted(); return
                case 400..<500: ledger.receiptAbandoned(); return
                default: break
                }
            } catch {
                // Unreachable (restarting): try again below.
            }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: .milliseconds(200))
        }
        ledger.receiptAbandoned()
    }
}
