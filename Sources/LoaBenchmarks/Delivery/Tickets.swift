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
}
