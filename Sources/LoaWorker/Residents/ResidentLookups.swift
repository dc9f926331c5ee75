public import Foundation
public import LoaCore
import Synchronization

/// Dossier lookups per phone (SMS `HS <code>` and USSD share the budget), so codes cannot be
/// probed by brute force nor replies run up: `burst` lookups at once, then one per
/// `secondsPerLookup`. In memory, per process.
///
/// ```swift
/// let lookups = ResidentLookups(burst: 5, secondsPerLookup: 60)
/// guard lookups.admit(phone, at: .now) else { return "try again later" }
/// ```
public final class ResidentLookups: Sendable {
    private let limiter: Mutex<RequestRateLimiter>

    /// A budget of `burst` lookups, refilled one per `secondsPerLookup`.
    public init(burst: Int = 5, secondsPerLookup: Double = 60) {
        limiter = Mutex(RequestRateLimiter(limit: RequestRateLimit(requestsPerSecond: 1 / max(secondsPerLookup, 0.001), burst: burst)))
    }

    /// Takes one lookup from `phone`'s budget; false when it has none left.
    public func admit(_ phone: PhoneNumber, at: Date) -> Bool {
        limiter.withLock { $0.admit(phone.e164, atSeconds: at.timeIntervalSince1970) } == .admitted
    }
}
