public import LoaCore
public import LoaProviders
import Synchronization

/// Receipts as Loa's store would be handed them, kept for the checks: a ``DeliveryReceiptSink``
/// for providers that deliver their own (SMPP, the sandbox), and what ``ReceiptEndpoint``
/// makes of HTTP callbacks for the others. A check waits on it for events, polling its record;
/// every wait has a safety net of minutes, never a deadline a slow machine could miss.
public final class ReceiptRecorder: DeliveryReceiptSink {
    private let state = Mutex(State())

    private struct State {
        var receipts: [DeliveryReceipt] = []
        var refusals: [ReceiptCallbackError] = []
        var handOvers = 0
        var failuresAfterRecording = 0
    }

    /// Creates an empty recorder.
    public init() {}

    /// Keeps the receipt; throws afterwards when ``loseNextAnswer()`` asked for it.
    public func deliver(_ receipt: DeliveryReceipt) async throws {
        let fail = state.withLock { state in
            state.receipts.append(receipt)
            state.handOvers += 1
            guard state.failuresAfterRecording > 0 else { return false }
            state.failuresAfterRecording -= 1
            return true
        }
        if fail { throw LostAnswer() }
    }

    /// Makes the next hand-over fail after the receipt is kept, as a store whose commit went
    /// through but whose answer was lost: the provider hands the receipt over again.
    public func loseNextAnswer() {
        state.withLock { $0.failuresAfterRecording += 1 }
    }

    /// Notes a callback the provider's parser refused.
    public func refused(_ error: ReceiptCallbackError) {
        state.withLock { state in
            state.refusals.append(error)
            state.handOvers += 1
        }
    }

    /// Every receipt kept, in arrival order.
    public var all: [DeliveryReceipt] { state.withLock { $0.receipts } }

    /// Callbacks refused by the provider's parser.
    public var refusals: [ReceiptCallbackError] { state.withLock { $0.refusals } }

    /// Receipts and refused callbacks handed over so far.
    public var handOvers: Int { state.withLock { $0.handOvers } }

    /// The receipts about `request`: naming its message (or, for providers whose reports carry
    /// only their own id, naming `providerMessageId`).
    public func receipts(about request: SubmitRequest, providerMessageId: String) -> [DeliveryReceipt] {
        all.filter { $0.messageId == request.messageId || ($0.messageId == nil && $0.providerMessageId == providerMessageId) }
    }

    /// Waits until `condition` holds, checking every 20 ms; false when the safety net of
    /// `seconds` passed first.
    public func wait(seconds: Double = 120, until condition: @Sendable (ReceiptRecorder) -> Bool) async throws -> Bool {
        try await Waiting.until(seconds: seconds) { condition(self) }
    }

    /// What a lost answer throws.
    struct LostAnswer: Error, CustomStringConvertible {
        var description: String { "the answer to this receipt was lost (conformance rig)" }
    }
}

/// Waiting for an event by checking for it, with a safety net.
public enum Waiting {
    /// Checks `condition` every 20 ms until it holds (true) or `seconds` have passed (false).
    public static func until(seconds: Double, _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds)
        while clock.now < end {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}
