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
        let running = try RunningSMPP.start(
            port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right", timeoutSeconds: 0.5,
            enquireLinkIntervalSeconds: 0.2)
        try await smsc.wait { $0.commands.filter { $0 == .bindTransceiver }.count >= 2 }
        let commands = smsc.log.commands
        #expect(commands.filter { $0 == .bindTransceiver }.count >= 2)
        let firstEnquiry = commands.firstIndex(of: .enquireLink)
        let secondBind = commands.indices.filter { commands[$0] == .bindTransceiver }.dropFirst().first
        #expect(firstEnquiry != nil && secondBind != nil && firstEnquiry! < secondBind!, "the rebind follows the unanswered enquire_link")
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
