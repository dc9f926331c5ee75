import Foundation
import LoaWorker
import LoaTestSupport
import Testing

/// Waits are long and bounds loose: the suite runs beside CPU-heavy tests on two cores, and
/// what matters is that the signal, not the timeout, ended the wait.
@Suite("Work signal")
struct WorkSignalTests {
    @Test("a signal given before the wait is kept; without one the wait times out")
    func keptAndTimeout() async {
        let work = WorkSignal()
        let clock = ContinuousClock()
        work.signal()
        let kept = await clock.measure { await work.wait(timeout: .seconds(60)) }
        #expect(kept < .seconds(30))
        let idle = await clock.measure { await work.wait(timeout: .milliseconds(200)) }
        #expect(idle >= .milliseconds(200))
    }

    @Test("a signal wakes a waiter at once")
    func wakesWaiter() async {
        let work = WorkSignal()
        let clock = ContinuousClock()
        let start = clock.now
        async let waited: Void = work.wait(timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(100))
        work.signal()
        await waited
        #expect(clock.now - start < .seconds(30))
    }

    @Test("cancelling the waiting task ends the wait")
    func cancellation() async {
        let work = WorkSignal()
        let clock = ContinuousClock()
        let start = clock.now
        let waiter = Task { await work.wait(timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(100))
        waiter.cancel()
        await waiter.value
        #expect(clock.now - start < .seconds(30))
    }
}
