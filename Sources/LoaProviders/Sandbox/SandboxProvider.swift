public import Foundation
public import LoaCore
public import ServiceLifecycle
import Synchronization

/// The default provider: sends nothing anywhere, remembers what it "sent", and reports each
/// message delivered after a delay. It can be told to fail a share of submissions, to rehearse
/// outages without a real provider.
///
/// Like a real provider, it keeps the reports it owes across Loa's restarts: each is committed
/// to its ``SandboxReceiptQueue`` before the submission is answered, and delivered from there
/// when due, by this sandbox or by the next one on the same queue.
///
/// Run it as a `Service` so its receipts are delivered:
/// ```swift
/// let queue = try SandboxReceiptQueue(path: "loa.sqlite-sandbox-receipts.sqlite")
/// let sandbox = SandboxProvider(name: "sandbox", settings: .init(receiptDelaySeconds: 1), receipts: queue, sink: sink)
/// serviceGroup = ServiceGroup(services: [sandbox, …])
/// ```
public final class SandboxProvider: SMSProvider, Service {
    public let name: String
    let settings: SandboxSettings
    let sink: any DeliveryReceiptSink
    /// Reports not yet due, durable.
    let receipts: SandboxReceiptQueue
    let now: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var sent: [SandboxMessage] = []
        var counter = 0
    }

    /// Creates a sandbox that keeps its scheduled reports in `receipts` and hands them, when
    /// due, to `sink`.
    public init(
        name: String, settings: SandboxSettings, receipts: SandboxReceiptQueue, sink: any DeliveryReceiptSink,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.settings = settings
        self.receipts = receipts
        self.sink = sink
        self.now = now
    }

    public func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
        if request.text.isEmpty {
            throw .permanent("empty_text", "the sandbox refuses empty messages")
        }
        let draw = Double.random(in: 0..<1)
        if draw < settings.permanentFailureRate {
            throw .permanent("sandbox_rejected", "the sandbox was told to reject this share of messages")
        }
        if draw < settings.permanentFailureRate + settings.transientFailureRate {
            throw .transient("sandbox_unavailable", "the sandbox was told to fail this share of messages transiently")
        }
        let at = now()
        let providerMessageId = state.withLock { state in
            state.counter += 1
            return "sbx-\(at.epochMilliseconds)-\(state.counter)"
        }
        let receipt = DeliveryReceipt(
            provider: name, messageId: nil, providerMessageId: providerMessageId, status: .delivered,
            detail: "sandbox: delivered", receivedAt: at)
        if settings.receiptDelaySeconds > 0 {
            // Kept before the submission is answered, as a provider that accepted a message owes its report.
            do {
                try await receipts.schedule(receipt, dueAt: at.addingTimeInterval(settings.receiptDelaySeconds))
            } catch {
                throw .transient("sandbox_unavailable", "the sandbox cannot keep its delivery report: \(error)")
            }
        }
        state.withLock { state in
            state.sent.append(SandboxMessage(
                to: request.to.e164, text: request.text, encoding: request.encoding, segments: request.segments,
                providerMessageId: providerMessageId, messageId: request.messageId, at: at))
            if state.sent.count > settings.retainedMessages {
                state.sent.removeFirst(state.sent.count - settings.retainedMessages)
            }
        }
        if settings.receiptDelaySeconds <= 0 {
            // Delivered at once, before the submit answer: the store keeps the receipt and applies
            // it when the answer is recorded, so nothing is lost if the process dies in between.
            // A sink that cannot take it now gets it from the queue, as any report is retried.
            do {
                try await sink.deliver(receipt)
            } catch {
                do {
                    try await receipts.schedule(receipt, dueAt: at)
                } catch {
                    throw .transient("sandbox_unavailable", "the sandbox can neither report nor keep its delivery report: \(error)")
                }
            }
        }
        return providerMessageId
    }

    /// What the sandbox has sent, oldest first.
    public func sentMessages() -> [SandboxMessage] {
        state.withLock { $0.sent }
    }

    /// Delivers receipts as they fall due, until the service group shuts down.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await deliverDueReceipts()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(50)) }
        }
        await deliverDueReceipts()
    }

    /// Hands the receipts that are due to the sink, oldest first, and forgets those it took; a
    /// receipt the sink refuses is tried again a second later. A queue that cannot be read now
    /// is read again on the next round.
    func deliverDueReceipts() async {
        let current = now()
        guard let due = try? await receipts.due(at: current, limit: 1000), !due.isEmpty else { return }
        var delivered: [Int64] = []
        var refused: [Int64] = []
        for entry in due {
            var receipt = entry.receipt
            receipt.receivedAt = current
            do {
                try await sink.deliver(receipt)
                delivered.append(entry.id)
            } catch {
                refused.append(entry.id)
            }
        }
        // Should this fail, the entries stay due and are delivered again: the store acknowledges
        // a repeated final report without keeping it twice.
        try? await receipts.remove(delivered)
        try? await receipts.postpone(refused, to: current.addingTimeInterval(1))
    }
}
