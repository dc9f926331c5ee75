import Foundation
import LoaCore
import LoaProviders
@testable import LoaSMPP
import LoaTestSupport
import Testing

@Suite("SMPP mobile-originated messages")
struct InboundTests {
    @Test("a deliver_sm without the receipt flag is handed to the inbound sink, then acknowledged")
    func mobileOriginated() async throws {
        let folder = try TemporaryFolder()
        var message = SMPPShortMessage()
        message.sourceTON = 1
        message.sourceNPI = 1
        message.source = "84912345678"
        message.destination = "8088"
        message.dataCoding = 8
        message.shortMessage = SMPPTextParts.ucs2("Tôi muốn hỏi hồ sơ 123")
        let smsc = try await FakeSMSC(password: "right", inbound: [message])
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right")
        try await smsc.wait { !$0.deliverAnswers.isEmpty }
        #expect(smsc.log.deliverAnswers == [.ok])
        let received = running.inbound.all
        #expect(received.count == 1)
        #expect(received.first?.text == "Tôi muốn hỏi hồ sơ 123")
        #expect(received.first?.from.e164 == "+84912345678")
        #expect(received.first?.to == "8088")
        #expect(received.first?.provider == "smsc")
        try await running.stop()
        try await smsc.stop()
    }
}
