import Foundation
import LoaCore
import LoaProviders
import Synchronization

/// A receipt sink that keeps what it is handed and lets a test wait for it.
final class RecordingReceiptSink: DeliveryReceiptSink {
    private let receipts = Mutex<[DeliveryReceipt]>([])
    /// Refuses this many hand-overs first (a store that is briefly unavailable).
    private let refusals: Mutex<Int>

    init(refusing refusals: Int = 0) {
        self.refusals = Mutex(refusals)
    }

    func deliver(_ receipt: DeliveryReceipt) async throws {
        let refuse = refusals.withLock { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if refuse { throw CocoaError(.fileWriteUnknown) }
        receipts.withLock { $0.append(receipt) }
    }

    var all: [DeliveryReceipt] { receipts.withLock { $0 } }

    /// Waits until `condition` holds for the receipts (polling every 50 ms; at most `seconds`,
    /// a safety net, not a deadline the test races).
    func wait(seconds: Double = 90, until condition: ([DeliveryReceipt]) -> Bool) async throws -> [DeliveryReceipt] {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds)
        while clock.now < end {
            let current = all
            if condition(current) { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
        return all
    }
}

/// An inbound sink that keeps what it is handed; one made `holding` keeps every hand-over
/// waiting until ``release()`` (a store that is stuck).
final class RecordingInboundSink: InboundSink {
    private let messages = Mutex<[InboundMessage]>([])
    private let gate: Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>

    init(holding: Bool = false) {
        gate = Mutex((!holding, []))
    }

    func receive(_ message: InboundMessage) async throws {
        await withCheckedContinuation { continuation in
            let open = gate.withLock { gate -> Bool in
                if !gate.open { gate.waiting.append(continuation) }
                return gate.open
            }
            if open { continuation.resume() }
        }
        messages.withLock { $0.append(message) }
    }

    /// Lets every held and later hand-over through.
    func release() {
        let waiting = gate.withLock { gate in
            gate.open = true
            defer { gate.waiting = [] }
            return gate.waiting
        }
        waiting.forEach { $0.resume() }
    }

    var all: [InboundMessage] { messages.withLock { $0 } }
}
