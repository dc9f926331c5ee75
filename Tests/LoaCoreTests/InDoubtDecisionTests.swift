import LoaCore
import Testing

@Suite("In-doubt decisions")
struct InDoubtDecisionTests {
    @Test("resend keeps resending up to the limit, then fails naming the key")
    func resendUpToTheLimit() throws {
        #expect(InDoubtPolicy.resend.decide(attempt: 1, inDoubtAttempts: 1, limit: 5) == .resend)
        #expect(InDoubtPolicy.resend.decide(attempt: 9, inDoubtAttempts: 5, limit: 5) == .resend)
        guard case .fail(let reason) = InDoubtPolicy.resend.decide(attempt: 9, inDoubtAttempts: 6, limit: 5) else {
            Issue.record("a sixth lapse under a limit of five was resent")
            return
        }
        #expect(reason.contains("in doubt 6 times"))
        #expect(reason.contains("dispatch.maxInDoubt: 5"))
    }

    @Test("the fail policy fails the first lapse, naming the attempt")
    func failPolicy() throws {
        guard case .fail(let reason) = InDoubtPolicy.fail.decide(attempt: 3, inDoubtAttempts: 1, limit: 5) else {
            Issue.record("the fail policy resent a lapsed message")
            return
        }
        #expect(reason.contains("attempt 3"))
        #expect(reason.contains("dispatch.inDoubt: fail"))
    }
}
