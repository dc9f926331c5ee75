import LoaCore
@testable import LoaSMPP
import Testing

@Suite("SMPP delivery reports")
struct DeliveryReportTests {
    static func report(_ text: String, tlvs: [SMPPTLV] = []) -> SMPPDeliveryReport? {
        var message = SMPPShortMessage()
        message.esmClass = 0x04
        message.shortMessage = Array(text.utf8)
        message.tlvs = tlvs
        return SMPPDeliveryReport(message)
    }

    @Test("the text form gives id, stat and err", arguments: [
        ("DELIVRD", ReceiptStatus.delivered), ("UNDELIV", .undelivered), ("EXPIRED", .expired), ("REJECTD", .rejected),
        ("ACCEPTD", .accepted), ("UNKNOWN", .unknown), ("DELETED", .undelivered), ("BOGUS", .unknown),
    ])
    func textForm(stat: String, status: ReceiptStatus) throws {
        let report = try #require(Self.report(
            "id:1796408510095001 sub:001 dlvrd:001 submit date:2612041821 done date:2612041821 stat:\(stat) err:000 text:stat:DELIVRD id:9"))
        #expect(report.messageID == "1796408510095001")
        #expect(report.status == status)
        #expect(report.detail == "stat:\(stat) err:000")
    }

    @Test("the TLVs win over the text")
    func tlvs() throws {
        let report = try #require(Self.report("id:1 stat:DELIVRD err:000", tlvs: [
            SMPPTLV(tag: SMPPTLV.receiptedMessageID, value: Array("661D2F31D9E99".utf8) + [0]),
            SMPPTLV(tag: SMPPTLV.messageState, value: [5]),
        ]))
        #expect(report.messageID == "661D2F31D9E99")
        #expect(report.status == .undelivered)
        #expect(report.detail == "stat:DELIVRD err:000 message_state:5")
    }

    @Test("no id, no report")
    func noID() {
        #expect(Self.report("sub:001 stat:DELIVRD") == nil)
        #expect(Self.report("") == nil)
    }

    @Test("ids match across hexadecimal and decimal")
    func idForms() {
        let answer = SMPPMessageIDForms("661D2F31D9E99")
        let receipt = SMPPMessageIDForms("1796408510095001")
        #expect(answer.hexValue == receipt.decimalValue)
        #expect(SMPPMessageIDForms("00FF").hexValue == SMPPMessageIDForms("255").decimalValue)
        #expect(SMPPMessageIDForms("abc-1").hexValue == nil)
    }

    @Test("a message is delivered when every part is, undelivered when any part is")
    func partOutcome() {
        #expect(SMPPPartOutcome.decide([.delivered, nil, .delivered]) == nil)
        #expect(SMPPPartOutcome.decide([.delivered, .delivered, .delivered]) == .delivered)
        #expect(SMPPPartOutcome.decide([nil, .undelivered, nil]) == .undelivered)
        #expect(SMPPPartOutcome.decide([.expired, .undelivered]) == .expired)
        #expect(SMPPPartOutcome.decide([.delivered, .unknown]) == .unknown)
        #expect(SMPPPartOutcome.decide([.accepted, .delivered]) == .accepted)
        #expect(SMPPPartOutcome.decide([]) == nil)
    }
}

@Suite("SMPP receipt text fields")
struct ReceiptTextFieldTests {
    @Test("keys are read at word starts, in any case, before the free text; the first of each wins")
    func fields() {
        let fields = SMPPDeliveryReport.textFields("ID:7 sub:001 xstat:BAD submit date:2612041821 STAT:DELIVRD stat:UNDELIV err:000 Text:id:9 err:1")
        #expect(fields == ["id": "7", "sub": "001", "stat": "DELIVRD", "err": "000"])
        #expect(SMPPDeliveryReport.textFields("id:\(String(repeating: "1", count: 80))")["id"]?.count == 64)
        #expect(SMPPDeliveryReport.textFields("stat:DELIVRD").isEmpty == false)
        #expect(SMPPDeliveryReport.textFields("").isEmpty)
    }
}
