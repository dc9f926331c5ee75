import LoaCore
import Testing

@Suite("Request rate limiter (clock passed in)")
struct RequestRateLimiterTests {
    let limit = RequestRateLimit(requestsPerSecond: 2, burst: 3)

    @Test("a burst is admitted at once; the next request is refused with the wait until a token is back")
    func burstThenRefused() {
        var limiter = RequestRateLimiter(limit: limit)
        for _ in 0..<3 { #expect(limiter.admit("key 1", atSeconds: 100) == .admitted) }
        // One token comes back every 0.5 s; Retry-After is whole seconds, at least 1.
        #expect(limiter.admit("key 1", atSeconds: 100) == .refused(retryAfterSeconds: 1))
        #expect(limiter.admit("key 1", atSeconds: 100.49) == .refused(retryAfterSeconds: 1))
        #expect(limiter.admit("key 1", atSeconds: 100.5) == .admitted)
        #expect(limiter.admit("key 1", atSeconds: 100.5) == .refused(retryAfterSeconds: 1))
    }

    @Test("peek says what admit would, and takes nothing")
    func peekTakesNothing() {
        var limiter = RequestRateLimiter(limit: limit)
        for _ in 0..<3 {
            #expect(limiter.peek("address 1", atSeconds: 100) == .admitted)
            #expect(limiter.admit("address 1", atSeconds: 100) == .admitted)
        }
        for _ in 0..<5 { #expect(limiter.peek("address 1", atSeconds: 100.2) == .refused(retryAfterSeconds: 1)) }
        #expect(limiter.peek("address 2", atSeconds: 100.2) == .admitted)
        #expect(limiter.trackedCallers == 1)
        #expect(limiter.peek("address 1", atSeconds: 100.5) == .admitted)
        #expect(limiter.admit("address 1", atSeconds: 100.5) == .admitted)
        #expect(limiter.admit("address 1", atSeconds: 100.5) == .refused(retryAfterSeconds: 1))
    }

    @Test("a refused request takes nothing: a caller that keeps trying gets in as soon as the rate allows")
    func refusalsCostNothing() {
        var limiter = RequestRateLimiter(limit: RequestRateLimit(requestsPerSecond: 0.1, burst: 1))
        #expect(limiter.admit("key 1", atSeconds: 0) == .admitted)
        for tick in 1..<10 {
            #expect(limiter.admit("key 1", atSeconds: Double(tick)) == .refused(retryAfterSeconds: 10 - tick))
        }
        #expect(limiter.admit("key 1", atSeconds: 10) == .admitted)
    }

    @Test("each caller has its own budget")
    func callersAreIndependent() {
        var limiter = RequestRateLimiter(limit: limit)
        for _ in 0..<3 { #expect(limiter.admit("key 1", atSeconds: 0) == .admitted) }
        #expect(limiter.admit("key 1", atSeconds: 0) != .admitted)
        for _ in 0..<3 { #expect(limiter.admit("key 2", atSeconds: 0) == .admitted) }
        #expect(limiter.admit("203.0.113.7", atSeconds: 0) == .admitted)
    }

    @Test("an idle caller's budget refills to the burst, never beyond it")
    func refillIsCapped() {
        var limiter = RequestRateLimiter(limit: limit)
        #expect(limiter.admit("key 1", atSeconds: 0) == .admitted)
        // An hour idle is worth the burst (3), not 7200 requests.
        for _ in 0..<3 { #expect(limiter.admit("key 1", atSeconds: 3600) == .admitted) }
        #expect(limiter.admit("key 1", atSeconds: 3600) != .admitted)
    }

    @Test("a rate of 0 turns the limit off")
    func disabled() {
        var limiter = RequestRateLimiter(limit: RequestRateLimit(requestsPerSecond: 0, burst: 1))
        for _ in 0..<10_000 { #expect(limiter.admit("key 1", atSeconds: 0) == .admitted) }
        #expect(limiter.trackedCallers == 0)
    }

    @Test("memory is bounded: refilled callers are forgotten, and callers beyond the bound share one budget")
    func boundedCallers() {
        var limiter = RequestRateLimiter(limit: limit, maxTrackedCallers: 4)
        for caller in 0..<4 { #expect(limiter.admit("address \(caller)", atSeconds: 0) == .admitted) }
        #expect(limiter.trackedCallers == 4)
        // No room and nobody idle long enough: newcomers share the overflow budget (burst 3).
        for caller in 4..<7 { #expect(limiter.admit("address \(caller)", atSeconds: 0.1) == .admitted) }
        #expect(limiter.admit("address 7", atSeconds: 0.1) != .admitted)
        #expect(limiter.trackedCallers == 4)
        // The tracked callers keep their own budgets meanwhile.
        #expect(limiter.admit("address 0", atSeconds: 0.1) == .admitted)
        // After a full refill period (burst / rate = 1.5 s) the idle ones are swept away.
        #expect(limiter.admit("address 8", atSeconds: 10) == .admitted)
        #expect(limiter.trackedCallers == 1)
    }

    @Test("the wait is rounded up to whole seconds for Retry-After")
    func retryAfterRoundsUp() {
        var limiter = RequestRateLimiter(limit: RequestRateLimit(requestsPerSecond: 0.4, burst: 1))
        #expect(limiter.admit("key 1", atSeconds: 0) == .admitted)
        // The next token is 2.5 s away.
        #expect(limiter.admit("key 1", atSeconds: 0) == .refused(retryAfterSeconds: 3))
    }
}

@Suite("Token bucket, refusing callers")
struct TokenBucketAdmissionTests {
    @Test("takeIfAvailable takes a free token, else reports the wait and takes nothing")
    func takeIfAvailable() {
        var bucket = TokenBucket(ratePerSecond: 4, burst: 1)
        #expect(bucket.takeIfAvailable(atSeconds: 0) == 0)
        #expect(bucket.takeIfAvailable(atSeconds: 0) == 0.25)
        #expect(bucket.takeIfAvailable(atSeconds: 0.125) == 0.125)
        #expect(bucket.takeIfAvailable(atSeconds: 0.25) == 0)
        #expect(!bucket.isFull(atSeconds: 0.25))
        #expect(bucket.isFull(atSeconds: 0.5))
    }
}

@Suite("Opaque ids, shape")
struct OpaqueIDShapeTests {
    @Test("made ids are well formed; other text is not")
    func wellFormed() {
        for milliseconds in [Int64(0), 1_764_480_000_000, 4_000_000_000_000] {
            #expect(OpaqueID.isWellFormed(OpaqueID.make(prefix: "msg", epochMilliseconds: milliseconds), prefix: "msg"))
        }
        for text in ["", "msg_", "msg_01KB9Q3V8R4Z7M2N6P5T8W0XY", "msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZZ", "key_01KB9Q3V8R4Z7M2N6P5T8W0XYZ",
                     "msg_01KB9Q3V8R4Z7M2N6P5T8W0XIZ", "msg_01kb9q3v8r4z7m2n6p5t8w0xyz", "msg-01KB9Q3V8R4Z7M2N6P5T8W0XYZ"] {
            #expect(!OpaqueID.isWellFormed(text, prefix: "msg"), "\(text)")
        }
    }
}
