import Foundation
import LoaCore

/// One provider's circuit breaker and recent record: the last ``window`` submissions, the last
/// error, what is in flight.
struct ProviderHealth {
    /// How many recent submissions the error rate is taken over.
    static let window = 100

    var breaker: CircuitBreaker
    var inFlight = 0
    /// Recent submissions, true for a transient failure; a ring of ``window``.
    private var recent: [Bool] = []
    private var next = 0
    var lastError: String?
    var lastErrorAt: Date?

    init(breaker: CircuitBreaker) {
        self.breaker = breaker
        recent.reserveCapacity(Self.window)
    }

    /// Counts one finished submission; a transient failure also feeds the breaker.
    mutating func record(transientFailure: String?, at now: Date) {
        inFlight -= 1
        let failed = transientFailure != nil
        if recent.count < Self.window {
            recent.append(failed)
        } else {
            recent[next] = failed
            next = (next + 1) % Self.window
        }
        if let transientFailure {
            lastError = transientFailure
            lastErrorAt = now
            breaker.recordFailure(at: now.timeIntervalSince1970)
        } else {
            breaker.recordSuccess()
        }
    }

    var recentSubmissions: Int { recent.count }
    var recentFailures: Int { recent.lazy.filter { $0 }.count }
}
