import Foundation
import LoaCore
import LoaPostgres
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Synchronization
import Testing

/// Operations under way at the moment PostgreSQL stops must end (with an error), not wait for
/// ever: a dispatcher whose claim never returns stops sending for good. Seen in CI: a node's
/// dispatcher went silent at the moment its database stopped and never claimed again.
@Suite("PostgreSQL store: operations in flight when the database stops", .enabled(if: PostgresPeer.enabled, PostgresPeer.skipReason),
       .timeLimit(.minutes(5)))
struct PostgresInFlightStopTests {
    @Test("claims, writes and reads running in loops all end within connect_timeout of the stop, and work again after it", arguments: 1...3)
    func loopsSurviveStop(round: Int) async throws {
        try await PostgresPeer.withOwnCluster { cluster, store in
            let progress = LoopProgress(loops: 6)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The loops end however the test does.
                defer { progress.finish() }
                for loop in 0..<progress.loops {
                    group.addTask {
                        var number = 0
                        while !progress.done {
                            number += 1
                            progress.started(loop)
                            do {
                                switch loop % 3 {
                                case 0:
                                    _ = try await store.claimDue(now: Date(), limit: 5, leaseOwner: "node-\(loop)", leaseSeconds: 30)
                                case 1:
                                    try await Fixtures.insert(store, [Fixtures.message(id: "r\(round)-l\(loop)-\(number)", notBefore: Fixtures.now)])
                                default:
                                    _ = try await store.message(id: "r\(round)-l1-1")
                                }
                                progress.succeeded(loop)
                            } catch {
                                progress.failed(loop)
                                await Task.yield()
                            }
                        }
                    }
                }
                // Every loop has run before the stop, fails while the database is away, and runs again once it is back.
                try await progress.waitUntil("every loop succeeded once") { $0.allSatisfy { $0.succeeded > 0 } }
                progress.markStopping()
                try await cluster.stop()
                try await progress.waitUntil("every loop saw the database away") { $0.allSatisfy { $0.failedAfterStop } }
                try await cluster.start()
                progress.markRestarted()
                try await progress.waitUntil("every loop succeeded after the restart") { $0.allSatisfy { $0.succeededAfterRestart } }
                progress.finish()
                try await group.waitForAll()
            }
        }
    }
}

/// What each loop of the test has seen so far.
private final class LoopProgress: Sendable {
    struct Loop {
        var succeeded = 0, failedAfterStop = false, succeededAfterRestart = false
        /// When the operation under way began; nil between operations.
        var operationStarted: ContinuousClock.Instant?
    }
    private struct State { var loops: [Loop]; var stopping = false; var restarted = false; var done = false }
    let loops: Int
    private let state: Mutex<State>

    init(loops: Int) {
        self.loops = loops
        state = Mutex(State(loops: Array(repeating: Loop(), count: loops)))
    }

    var done: Bool { state.withLock { $0.done } }
    func finish() { state.withLock { $0.done = true } }
    func markStopping() { state.withLock { $0.stopping = true } }
    func markRestarted() { state.withLock { $0.restarted = true } }

    func started(_ loop: Int) { state.withLock { $0.loops[loop].operationStarted = .now } }

    func succeeded(_ loop: Int) {
        state.withLock { state in
            state.loops[loop].operationStarted = nil
            state.loops[loop].succeeded += 1
            if state.restarted { state.loops[loop].succeededAfterRestart = true }
        }
    }

    func failed(_ loop: Int) {
        state.withLock { state in
            state.loops[loop].operationStarted = nil
            if state.stopping, !state.restarted { state.loops[loop].failedAfterStop = true }
        }
    }

    /// Polls the loops' state (every 50 ms) until `condition` holds; after 90 s (ninety times
    /// connect_timeout) it records which loops are stuck in one operation and for how long, at
    /// once (the task group then waits for those loops, so a thrown error alone would never show).
    func waitUntil(_ what: String, _ condition: @escaping ([Loop]) -> Bool) async throws {
        let started = ContinuousClock.now
        while !state.withLock({ condition($0.loops) }) {
            if ContinuousClock.now - started > .seconds(90) {
                let now = ContinuousClock.now
                let report = state.withLock { $0.loops }.enumerated().map { index, loop -> String in
                    let busy = loop.operationStarted.map { "in one operation for \(now - $0)" } ?? "between operations"
                    return "loop \(index) (\(["claimDue", "insert", "message"][index % 3])): \(busy), \(loop.succeeded) succeeded"
                }.joined(separator: "; ")
                let message: String = "not reached in 90 s: \(what). \(report)"
                Issue.record(Comment(rawValue: message))
                throw HarnessError("not reached in 90 s: \(what)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
