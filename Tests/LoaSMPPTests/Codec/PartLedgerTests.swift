import Foundation
import LoaCore
import LoaSMPP
import LoaTestSupport
import Testing

@Suite("SMPP part ledger")
struct PartLedgerTests {
    static func report(_ id: String, _ stat: String) -> SMPPDeliveryReport? {
        var message = SMPPShortMessage()
        message.esmClass = 0x04
        message.shortMessage = Array("id:\(id) sub:001 dlvrd:001 stat:\(stat) err:000 text:".utf8)
        return SMPPDeliveryReport(message)
    }

    @Test("receipts after a restart match the parts recorded before it, across id forms")
    func survivesRestart() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("parts.sqlite")
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let ledger = try SMPPPartLedger(path: path)
            for (part, id) in ["1A", "1B"].enumerated() {
                #expect(try await ledger.recordPart(smscID: id, messageID: "m1", attempt: 2, part: part + 1, count: 2, at: at) == nil)
            }
        }
        let reopened = try SMPPPartLedger(path: path)
        #expect(try await reopened.recordReport(#require(Self.report("26", "DELIVRD")), at: at) == .recorded)
        let outcome = try await reopened.recordReport(#require(Self.report("27", "DELIVRD")), at: at)
        guard case let .settled(settled) = outcome else { Issue.record("not settled: \(outcome)"); return }
        #expect(settled.messageID == "m1")
        #expect(settled.attempt == 2)
        #expect(settled.status == .delivered)
        #expect(settled.firstPartID == "1A")
        #expect(try await reopened.pendingHandovers().map(\.messageID) == ["m1"])
        try await reopened.markHandedOver(settled)
        #expect(try await reopened.pendingHandovers().isEmpty)
        // A repeated report settles nothing twice.
        #expect(try await reopened.recordReport(#require(Self.report("27", "DELIVRD")), at: at) == .recorded)
    }

    @Test("a report before its part is kept and applied when the part is recorded")
    func earlyReport() async throws {
        let folder = try TemporaryFolder()
        let ledger = try SMPPPartLedger(path: folder.path("parts.sqlite"))
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await ledger.recordReport(#require(Self.report("1000", "UNDELIV")), at: at) == .kept)
        let settled = try await ledger.recordPart(smscID: "3E8", messageID: "m2", attempt: 1, part: 1, count: 3, at: at)
        #expect(settled?.status == .undelivered)
        #expect(settled?.messageID == "m2")
    }
}
