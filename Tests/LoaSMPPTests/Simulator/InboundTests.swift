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

    @Test("a flood of deliver_sm while the sink is stuck: beyond the limit they are answered ESME_RX_T_APPN at once, the rest once taken")
    func floodIsBounded() async throws {
        let folder = try TemporaryFolder()
        // More than one batch (500) and the limit (10) together: some must be refused while the sink holds.
        let flood = (0..<600).map { index in
            var message = SMPPShortMessage()
            message.sourceTON = 1
            message.sourceNPI = 1
            message.source = "849123\(String(format: "%05d", index))"
            message.destination = "8088"
            message.shortMessage = Array("HS \(index)".utf8)
            return message
        }
        let smsc = try await FakeSMSC(password: "right", inbound: flood)
        let inbound = RecordingInboundSink(holding: true)
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right",
                                            inbound: inbound, maxWaitingDeliveries: 10)
        try await smsc.wait { $0.deliverAnswers.contains(.temporaryApplicationError) }
        // Answered while the sink still held every message: refusals only, nothing acknowledged.
        let whileHeld = smsc.log.deliverAnswers
        #expect(!whileHeld.isEmpty)
        #expect(whileHeld.allSatisfy { $0 == .temporaryApplicationError })
        #expect(inbound.all.isEmpty)
        inbound.release()
        try await smsc.wait { $0.deliverAnswers.count == flood.count }
        let answers = smsc.log.deliverAnswers
        let refused = answers.filter { $0 == .temporaryApplicationError }.count
        #expect(answers.count == flood.count)
        #expect(refused >= flood.count - 500 - 10)
        // Each one taken is stored once and acknowledged; the refused ones the SMSC sends again later.
        #expect(inbound.all.count == flood.count - refused)
        try await running.stop()
        try await smsc.stop()
    }

    @Test("an inbound message the SMSC sends again (after a restart too) is handed over with the id it had, so it is stored once")
    func repeatKeepsItsID() async throws {
        let folder = try TemporaryFolder()
        func message(_ text: String) -> SMPPShortMessage {
            var message = SMPPShortMessage()
            message.sourceTON = 1
            message.sourceNPI = 1
            message.source = "84912345678"
            message.destination = "8088"
            message.shortMessage = Array(text.utf8)
            return message
        }
        func receive(_ messages: [SMPPShortMessage]) async throws -> [InboundMessage] {
            let smsc = try await FakeSMSC(password: "right", inbound: messages)
            let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right")
            try await smsc.wait { $0.deliverAnswers.count == messages.count }
            #expect(smsc.log.deliverAnswers == Array(repeating: .ok, count: messages.count))
            try await running.stop()
            try await smsc.stop()
            return running.inbound.all
        }
        let first = try await receive([message("HS 123")])
        let again = try await receive([message("HS 123"), message("HS 124")])
        #expect(first.count == 1)
        #expect(again.count == 2)
        let id = try #require(first.first?.providerMessageId)
        #expect(again.first { $0.text == "HS 123" }?.providerMessageId == id)
        #expect(again.first { $0.text == "HS 124" }?.providerMessageId != id)
        #expect(again.first { $0.text == "HS 124" }?.providerMessageId != nil)
    }
}
