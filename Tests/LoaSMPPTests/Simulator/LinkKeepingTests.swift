import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import LoaTestSupport
import Testing

@Suite("SMPP link keeping")
struct LinkKeepingTests {
    @Test("an enquire_link the SMSC leaves unanswered drops the link, and Loa binds again")
    func deadLinkRebinds() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await FakeSMSC(password: "right", answersEnquireLink: false)
        // A timeout of 2 s, not less: on two busy cores a bind's own answer was once slower than
        // 0.5 s, and the link bound again before any enquire_link (seen in a clean-clone run).
        let running = try RunningSMPP.start(
            port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right", timeoutSeconds: 2,
            enquireLinkIntervalSeconds: 0.2)
        // Whatever came before, an enquire_link left unanswered is followed by a new bind.
        try await smsc.wait { log in
            guard let enquiry = log.commands.firstIndex(of: .enquireLink) else { return false }
            return log.commands[enquiry...].contains(.bindTransceiver)
        }
        let commands = smsc.log.commands
        let firstEnquiry = try #require(commands.firstIndex(of: .enquireLink))
        #expect(commands[..<firstEnquiry].contains(.bindTransceiver), "bound before it enquired")
        #expect(commands[firstEnquiry...].contains(.bindTransceiver), "the rebind follows the unanswered enquire_link")
        try await running.stop()
        try await smsc.stop()
    }

    @Test("shutting down unbinds")
    func unbindsOnShutdown() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await FakeSMSC(password: "right")
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right")
        #expect(try await running.waitForLink(.bound).state == .bound)
        _ = try await running.provider.submit(.test("msg_1", text: "Ho so da co ket qua"))
        try await running.stop()
        try await smsc.wait { $0.commands.contains(.unbind) }
        #expect(smsc.log.commands == [.bindTransceiver, .submitSM, .unbind])
        try await smsc.stop()
    }

    @Test("the link reports disconnected with the reason while the SMSC is gone")
    func disconnectedState() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await FakeSMSC(password: "right")
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right")
        #expect(try await running.waitForLink(.bound).state == .bound)
        try await smsc.stop()
        let link = try await running.waitForLink(.disconnected)
        #expect(link.state == .disconnected)
        #expect(link.detail?.isEmpty == false)
        try await running.stop()
    }
}
