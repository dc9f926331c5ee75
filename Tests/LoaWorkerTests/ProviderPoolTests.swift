import Foundation
import LoaCore
import LoaProviders
import LoaTestSupport
@testable import LoaWorker
import Synchronization
import Testing

@Suite("Provider pool: per-provider limits and records")
struct ProviderPoolTests {
    /// A provider whose submissions wait until the test opens its gate, counting how many are
    /// inside at once.
    final class GatedProvider: SMSProvider {
        let name = "gated"
        private struct State {
            var inside = 0
            var mostInside = 0
            var entered = 0
            var open = false
            var waiting: [CheckedContinuation<Void, Never>] = []
        }
        private let state = Mutex(State())

        var mostInside: Int { state.withLock { $0.mostInside } }
        var entered: Int { state.withLock { $0.entered } }

        func open() {
            let waiting = state.withLock { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            waiting.forEach { $0.resume() }
        }

        func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let go = state.withLock { state in
                    state.inside += 1
                    state.entered += 1
                    state.mostInside = max(state.mostInside, state.inside)
                    if !state.open { state.waiting.append(continuation) }
                    return state.open
                }
                if go { continuation.resume() }
            }
            state.withLock { $0.inside -= 1 }
            return request.reference
        }
    }

    static func request(_ index: Int) throws -> SubmitRequest {
        SubmitRequest(
            messageId: "m\(index)", attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Ho so", encoding: .gsm7,
            segments: 1, sender: "Loa", kind: .resultReady)
    }

    @Test("maxInFlight holds one provider's submissions to its limit; the rest wait their turn and all go")
    func maxInFlight() async throws {
        let provider = GatedProvider()
        let pool = ProviderPool(
            lanes: ["gated": .init(provider: provider, type: "test", sender: "Loa", throttle: nil, slots: InFlightLimit(limit: 3))],
            breakers: ["gated": CircuitBreaker()], routing: .single("gated"), now: { Date() }, draw: { 0 })
        let requests = try (0..<10).map(Self.request)
        try await withThrowingTaskGroup(of: String?.self) { group in
            for request in requests {
                #expect(pool.reserve(["gated"]) == "gated")
                group.addTask { try await pool.submit(request, on: "gated") }
            }
            // Wait for the event (three inside), then let everything through.
            let safetyNet = ContinuousClock.now + .seconds(120)
            while provider.entered < 3, ContinuousClock.now < safetyNet { await Task.yield() }
            #expect(provider.entered == 3, "three submissions go in at once, no more")
            #expect(pool.statuses().first?.inFlight == 10, "reserved submissions count in flight while they wait")
            provider.open()
            var answered: [String] = []
            for try await id in group { answered += [id].compactMap { $0 } }
            #expect(answered.sorted() == requests.map(\.reference).sorted())
        }
        #expect(provider.mostInside == 3)
        let status = try #require(pool.statuses().first)
        #expect(status.inFlight == 0)
        #expect(status.recentSubmissions == 10)
        #expect(status.recentFailures == 0)
    }
}
