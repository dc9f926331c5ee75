public import Foundation
public import LoaCore
public import ServiceLifecycle
import Synchronization

/// The default provider: sends nothing anywhere, remembers what it "sent", and reports each
/// message delivered after a delay. It can be told to fail a share of submissions, to rehearse
/// outages without a real provider.
///
/// Run it as a `Service` so its receipts are delivered:
/// ```swift
/// let sandbox = SandboxProvider(name: "sandbox", settings: .init(receiptDelaySeconds: 1), sink: receipts)
/// serviceGroup = ServiceGroup(services: [sandbox, …])
/// ```
public final class SandboxProvider: SMSProvider, Service {
    public let name: String
    let settings: SandboxSettings
    let sink: any DeliveryReceiptSink
    let now: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var sent: [SandboxMessage] = []
        var dueReceipts: [(due: Date, receipt: DeliveryReceipt)] = []
        var counter = 0
    }

    /// Creates a sandbox that hands its receipts to `sink`.
    public init(name: String, settings: SandboxSettings, sink: any DeliveryReceiptSink, now: @escaping @Sendable () -> Date = { Date() }) {
        self.name = name
        self.settings = settings
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
        let (providerMessageId, receipt) = state.withLock { state in
            state.counter += 1
            let providerMessageId = "sbx-\(at.epochMilliseconds)-\(state.counter)"
            state.sent.append(SandboxMessage(
                to: request.to.e164, text: request.text, encoding: request.encoding, segments: request.segments,
                providerMessageId: providerMessageId, messageId: request.messageId, at: at))
            if state.sent.count > settings.retainedMessages {
                state.sent.removeFirst(state.sent.count - settings.retainedMessages)
            }
            let receipt = DeliveryReceipt(
                provider: name, messageId: nil, providerMessageId: providerMessageId, status: .delivered,
                detail: "sandbox: delivered", receivedAt: at)
            if settings.receiptDelaySeconds > 0 {
                state.dueReceipts.append((at.addingTimeInterval(settings.receiptDelaySeconds), receipt))
            }
            return (providerMessageId, receipt)
        }
        if settings.receiptDelaySeconds <= 0 {
            // Delivered at once, before the submit answer: the store keeps the receipt and applies
            // it when the answer is recorded, so nothing is lost if the process dies in between.
            try? await sink.deliver(receipt)
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

    /// Hands every receipt that is due to the sink; a receipt the sink refuses is retried later.
    func deliverDueReceipts() async {
        let current = now()
        let due = state.withLock { state in
            let due = state.dueReceipts.filter { $0.due <= current }
            state.dueReceipts.removeAll { $0.due <= current }
            return due
        }
        for entry in due {
            do {
                try await sink.deliver(DeliveryReceipt(
                    provider: entry.receipt.provider, messageId: nil,
                    providerMessageId: entry.receipt.providerMessageId, status: .delivered,
                    detail: entry.receipt.detail, receivedAt: current))
            } catch {
                state.withLock { $0.dueReceipts.append((current.addingTimeInterval(1), entry.receipt)) }
            }
        }
    }
}
