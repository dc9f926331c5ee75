/// The signatures seen within the signing window, so that a signed request is accepted once.
///
/// A pure value: the caller passes the current time and keeps the value behind a lock. Memory
/// is bounded: signatures older than the window are forgotten (a request that old is refused
/// as stale anyway), and when `capacity` signatures are still inside the window a new one is
/// refused with ``Admission/full(retryAfterSeconds:)`` rather than letting an old one be
/// forgotten early (which would let it be replayed).
///
/// ```swift
/// var recent = RecentSignatures<String>(windowSeconds: 300, capacity: 100_000)
/// recent.admit("mac", signedAt: 1_764_465_300, now: 1_764_465_301)   // .fresh
/// recent.admit("mac", signedAt: 1_764_465_300, now: 1_764_465_302)   // .replayed
/// ```
public struct RecentSignatures<Token: Hashable & Sendable>: Sendable {
    /// What became of a signature offered to ``admit(_:signedAt:now:)``.
    public enum Admission: Sendable, Equatable {
        /// First seen within the window: accept the request.
        case fresh
        /// Seen before within the window: refuse the request.
        case replayed
        /// Signed further than the window from `now` (positive: in the past, negative: in the future).
        case stale(ageSeconds: Int64)
        /// Too many signatures are inside the window; the oldest leaves it in this many seconds.
        case full(retryAfterSeconds: Int64)
    }

    /// How far from `now` a signing time may be, either way, in seconds.
    public let windowSeconds: Int64
    /// The most signatures remembered at once.
    public let capacity: Int
    private var tokensBySecond: [Int64: Set<Token>] = [:]
    private var count = 0
    /// The earliest signing second remembered, so that forgetting costs nothing until it leaves the window.
    private var oldestSecond = Int64.max

    /// Creates an empty memory; a capacity below one is taken as one.
    public init(windowSeconds: Int64, capacity: Int) {
        self.windowSeconds = windowSeconds
        self.capacity = max(1, capacity)
    }

    /// How many signatures are remembered.
    public var rememberedCount: Int { count }

    /// Nil when a request signed at `signedAt` is within `windowSeconds` of `now`, either
    /// way; ``Admission/stale(ageSeconds:)`` with its age otherwise. Checked before the (costlier)
    /// signature itself.
    public static func staleness(signedAt: Int64, now: Int64, windowSeconds: Int64) -> Admission? {
        let (age, overflow) = now.subtractingReportingOverflow(signedAt)
        if overflow || age > windowSeconds || age < -windowSeconds {
            return .stale(ageSeconds: overflow ? (signedAt > now ? -Int64.max : Int64.max) : age)
        }
        return nil
    }

    /// Remembers `token`, signed at `signedAt`, unless it is stale, already remembered or the
    /// memory is full.
    public mutating func admit(_ token: Token, signedAt: Int64, now: Int64) -> Admission {
        if let stale = Self.staleness(signedAt: signedAt, now: now, windowSeconds: windowSeconds) { return stale }
        forget(before: now - windowSeconds)
        if tokensBySecond[signedAt]?.contains(token) == true { return .replayed }
        guard count < capacity else {
            return .full(retryAfterSeconds: max(1, oldestSecond + windowSeconds - now + 1))
        }
        tokensBySecond[signedAt, default: []].insert(token)
        count += 1
        oldestSecond = min(oldestSecond, signedAt)
        return .fresh
    }

    /// Drops the signatures made before `second`.
    private mutating func forget(before second: Int64) {
        guard oldestSecond < second else { return }
        let expired = tokensBySecond.keys.filter { $0 < second }
        for signedAt in expired {
            count -= tokensBySecond.removeValue(forKey: signedAt)?.count ?? 0
        }
        oldestSecond = tokensBySecond.keys.min() ?? Int64.max
    }
}
