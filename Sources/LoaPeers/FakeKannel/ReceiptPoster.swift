import Foundation
import LoaHTTPClient
import Synchronization

/// Calls `dlr-url`s back with bounded concurrency, retrying while the receiver is unreachable or
/// answers 5xx, for up to the retry window; a 4xx answer is final.
final class ReceiptPoster: Sendable {
    let ledger: FakeKannelLedger
    private let settings: FakeKannelSettings
    private let clients: ClientsByOrigin
    private let queue: AsyncStream<String>.Continuation
    private let worker: Task<Void, Never>
    private let stopped = Mutex(false)

    init(settings: FakeKannelSettings) {
        self.settings = settings
        let ledger = FakeKannelLedger()
        self.ledger = ledger
        let clients = ClientsByOrigin(maxConnections: settings.receiptConcurrency, maxBodyBytes: 64 * 1024)
        self.clients = clients
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
                    group.addTask { await ReceiptPoster.deliver(url, clients: clients, settings: settings, ledger: ledger) }
                    inFlight += 1
                }
            }
        }
    }

    /// Queues a report.
    func post(_ url: String) {
        queue.yield(url)
    }

    /// Sends a report now and returns once it was answered (or given up).
    func postNow(_ url: String) async {
        await ReceiptPoster.deliver(url, clients: clients, settings: settings, ledger: ledger)
    }

    /// Takes no more reports and waits until every one queued so far was sent (or given up).
    func drain() async {
        queue.finish()
        await worker.value
    }

    func stop() async throws {
        guard stopped.withLock({ stopped in
            defer { stopped = true }
            return !stopped
        }) else { return }
        queue.finish()
        worker.cancel()
        await worker.value
        clients.closeIdleConnections()
    }

    private static func deliver(_ url: String, clients: ClientsByOrigin, settings: FakeKannelSettings, ledger: FakeKannelLedger) async {
        if settings.receiptDelay > .zero { try? await Task.sleep(for: settings.receiptDelay) }
        guard let parsed = URL(string: url), let (client, target) = try? clients.client(for: parsed) else {
            ledger.receiptAbandoned()
            return
        }
        let deadline = ContinuousClock.now + settings.receiptRetryWindow
        while !Task.isCancelled {
            do {
                let reply = try await client.execute(HTTPRequest(target: target), timeout: .seconds(10))
                switch reply.status {
                case 200..<300: ledger.receiptPosted(at: .now); return
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
