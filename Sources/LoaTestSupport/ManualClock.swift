public import Foundation
import Synchronization

/// A clock that moves only when told: inject `{ clock.now }` wherever code takes a `now`
/// closure, so time-dependent behaviour is tested without waiting.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start` (default: 2026-12-01 00:00 UTC).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_796_083_200)) {
        current = Mutex(start)
    }

    /// The time now, as the clock says.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
