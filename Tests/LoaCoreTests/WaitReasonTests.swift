import LoaCore
import Testing

@Suite("Why a message waits")
struct WaitReasonTests {
    /// 2026-12-11 21:14 Vietnam time (14:14 UTC).
    static let evening: Double = 1_796_998_440

    @Test("a new message at 21:14 Vietnam time waits for quiet hours; at noon it goes at once; a reminder is scheduled")
    func newMessages() {
        let quiet = QuietHours.standard
        let sendable = quiet.sendableTime(forEpochSeconds: Self.evening, priority: .normal)
        #expect(sendable > Self.evening)
        #expect(WaitReason.newMessage(createdAt: Self.evening, dueAt: Self.evening, sendableAt: sendable) == .quietHours)
        let urgent = quiet.sendableTime(forEpochSeconds: Self.evening, priority: .urgent)
        #expect(WaitReason.newMessage(createdAt: Self.evening, dueAt: Self.evening, sendableAt: urgent) == nil)
        let noon = Self.evening - 9 * 3600 - 14 * 60
        #expect(WaitReason.newMessage(createdAt: noon, dueAt: noon, sendableAt: quiet.sendableTime(forEpochSeconds: noon, priority: .normal)) == nil)
        let tomorrowNoon = noon + 86_400
        #expect(WaitReason.newMessage(createdAt: noon, dueAt: tomorrowNoon, sendableAt: tomorrowNoon) == .scheduled)
    }

    @Test("after a failure: quiet hours when they push the retry later, else the provider's rate limit, else the backoff")
    func afterFailure() {
        let timeout = SubmitFailure.transient("timeout", "no answer")
        #expect(WaitReason.afterFailure(timeout, backoffEndsAt: 100, sendableAt: 100) == .retryBackoff)
        #expect(WaitReason.afterFailure(timeout, backoffEndsAt: 100, sendableAt: 500) == .quietHours)
        for throttled in [
            SubmitFailure.transient("throttled", "HTTP 429"), .transient("smpp_throttled", "ESME_RTHROTTLED"),
            .transient("http_503", "busy", retryAfterSeconds: 30),
        ] {
            #expect(throttled.asksToSlowDown)
            #expect(WaitReason.afterFailure(throttled, backoffEndsAt: 100, sendableAt: 100) == .providerRateLimit)
        }
        #expect(!timeout.asksToSlowDown)
    }
}
