import Synchronization

/// Hands out 0, 1, 2, … to concurrent workers taking items off a shared list.
final class Tickets: Sendable {
    private let next = Mutex(0)

    func take() -> Int {
        next.withLock { value in
            defer { value += 1 }
            return value
        }
    }

    /// Calls `body` for every index below `count` from `workers` concurrent workers, each taking
    /// the next index as soon as it is free; the first error stops the rest.
    static func work(through count: Int, workers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let tickets = Tickets()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    while true {
                        let index = tickets.take()
                        guard index < count else { return }
                        try await body(index)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
