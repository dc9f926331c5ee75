import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import LoaTestSupport
import Testing

@Suite("SMPP bind failures")
struct BindFailureTests {
    @Test("a wrong password is an operator-visible bindFailed state, and submissions fail at once as transient")
    func wrongPassword() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await FakeSMSC(password: "right")
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "wrong")
        let link = try await running.waitForLink(.bindFailed)
        #expect(link.state == .bindFailed)
        #expect(link.detail?.contains("ESME_RINVPASWD") == true)
        let failure = await #expect(throws: SubmitFailure.self) {
            try await running.provider.submit(.test("msg_1", text: "Ho so da co ket qua"))
        }
        #expect(failure?.kind == .transient)
        #expect(failure?.code == "smpp_bind_failed")
        try await running.stop()
        try await smsc.stop()
    }

    @Test("the right password binds the same fake SMSC")
    func rightPassword() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await FakeSMSC(password: "right")
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right")
        #expect(try await running.waitForLink(.bound).state == .bound)
        try await running.stop()
        try await smsc.stop()
    }
}
