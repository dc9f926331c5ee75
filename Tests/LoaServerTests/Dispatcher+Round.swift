@testable import LoaWorker

extension Dispatcher {
    /// One synchronous round, as tests drive the dispatcher instead of running it as a service:
    /// claims one batch of due messages, submits them (`settings.concurrency` at a time), records
    /// each outcome; returns how many were claimed.
    @discardableResult
    func dispatchDue() async throws -> Int {
        let claimed = try await claim(limit: settings.batchSize)
        await withTaskGroup(of: Void.self) { group in
            var next = claimed.makeIterator()
            func submitNext() {
                guard let claim = next.next() else { return }
                group.addTask {
                    if let outcome = await self.submit(claim) { await self.recordUntilWritten([outcome]) }
                }
            }
            for _ in 0..<min(settings.concurrency, claimed.count) { submitNext() }
            while await group.next() != nil { submitNext() }
        }
        return claimed.count
    }
}
