import LoaCore
import Testing

@Suite("Recent signatures (replay memory)")
struct RecentSignaturesTests {
    let start: Int64 = 1_764_465_300

    @Test("a signature is fresh once, then replayed for as long as it is inside the window")
    func freshThenReplayed() {
        var recent = RecentSignatures<String>(windowSeconds: 300, capacity: 10)
        #expect(recent.admit("a", signedAt: start, now: start) == .fresh)
        #expect(recent.admit("a", signedAt: start, now: start + 1) == .replayed)
        #expect(recent.admit("a", signedAt: start, now: start + 300) == .replayed)
        #expect(recent.admit("b", signedAt: start, now: start + 300) == .fresh)
        #expect(recent.rememberedCount == 2)
    }

    @Test("signing times further than the window either way are stale, with their age")
    func stale() {
        var recent = RecentSignatures<String>(windowSeconds: 300, capacity: 10)
        #expect(recent.admit("old", signedAt: start - 301, now: start) == .stale(ageSeconds: 301))
        #expect(recent.admit("ahead", signedAt: start + 301, now: start) == .stale(ageSeconds: -301))
        #expect(recent.admit("edge", signedAt: start - 300, now: start) == .fresh)
        #expect(recent.admit("edge", signedAt: start + 300, now: start) == .fresh)
        #expect(RecentSignatures<String>.staleness(signedAt: Int64.min, now: start, windowSeconds: 300) == .stale(ageSeconds: Int64.max))
        #expect(RecentSignatures<String>.staleness(signedAt: Int64.max, now: -start, windowSeconds: 300) == .stale(ageSeconds: -Int64.max))
        #expect(recent.rememberedCount == 2)
    }

    @Test("signatures that left the window are forgotten, and a full memory refuses until one leaves")
    func boundedMemory() {
        var recent = RecentSignatures<Int>(windowSeconds: 300, capacity: 3)
        for token in 0..<3 {
            #expect(recent.admit(token, signedAt: start + Int64(token), now: start + 3) == .fresh)
        }
        // Full: the oldest (signed at `start`) leaves the window 298 seconds after start + 3.
        #expect(recent.admit(99, signedAt: start + 3, now: start + 3) == .full(retryAfterSeconds: 298))
        #expect(recent.rememberedCount == 3)
        // One second past the oldest's window: it is forgotten and room is made.
        #expect(recent.admit(99, signedAt: start + 301, now: start + 301) == .fresh)
        #expect(recent.rememberedCount == 3)
        #expect(recent.admit(0, signedAt: start, now: start + 301) == .stale(ageSeconds: 301))
        #expect(recent.admit(1, signedAt: start + 1, now: start + 301) == .replayed)
    }
}
