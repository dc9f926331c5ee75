import Foundation
import LoaCore
import LoaPeers
import LoaProviders
@testable import LoaSMPP
import LoaTestSupport
import Testing

/// Loa's SMPP provider against the smpp34 SMSC simulator in its own process (real SMPP over
/// loopback). Every wait is for an event; the 60–90 s bounds are safety nets only.
@Suite("SMPP provider against the smpp34 simulator", .enabled(if: SMPPSimulator.enabled), .serialized)
struct SimulatorTests {
    static let vietnamese = TextPartsTests.vietnamese

    /// A simulator with `options`, a provider bound to it, and the test's body; both stopped after.
    static func withBound(
        simulator options: [String] = [], bind: SMPPBindMode = .transceiver, timeoutSeconds: Double = 10,
        longMessages: LongMessageMode = .udh,
        _ body: (SMPPSimulator, RunningSMPP) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        let simulator = try await SMPPSimulator(options: options)
        let running = try RunningSMPP.start(
            port: simulator.port, ledgerPath: folder.path("parts.sqlite"), bind: bind, timeoutSeconds: timeoutSeconds,
            longMessages: longMessages)
        do {
            #expect(try await running.waitForLink(.bound).state == .bound)
            try await body(simulator, running)
        } catch {
            try? await running.stop()
            try? await simulator.stop()
            throw error
        }
        try await running.stop()
        try await simulator.stop()
    }

    @Test("a GSM-7 message is sent as data_coding 0 from the brandname, and its receipt matches (ids hex in the answer, decimal in the receipt, and the other way round)",
          arguments: [["--ids", "hex", "--receipt-ids", "decimal"], ["--ids", "decimal", "--receipt-ids", "hex"]])
    func gsm7(idForms: [String]) async throws {
        try await Self.withBound(simulator: idForms) { simulator, running in
            let id = try await running.provider.submit(.test("msg_gsm7", text: "Ho so 123 da co ket qua. Moi ong/ba den nhan."))
            let submits = try simulator.takenSubmits()
            #expect(submits.count == 1)
            #expect(submits.first?.messageId == id)
            #expect(submits.first?.dataCoding == 0)
            #expect(submits.first?.sourceTon == 5)
            #expect(submits.first?.source == "UBND-XA")
            #expect(submits.first?.destination == "84912345678")
            #expect(submits.first?.registeredDelivery == 1)
            #expect(submits.first.map { GSM7Septets.decode($0.octets) } == "Ho so 123 da co ket qua. Moi ong/ba den nhan.")
            let receipts = try await running.receipts.wait { !$0.isEmpty }
            #expect(receipts.count == 1)
            #expect(receipts.first?.messageId == "msg_gsm7")
            #expect(receipts.first?.attempt == 1)
            #expect(receipts.first?.providerMessageId == id)
            #expect(receipts.first?.status == .delivered)
            #expect(receipts.first?.detail.contains("stat:DELIVRD") == true)
        }
    }

    @Test("a three-part Vietnamese message goes as three UCS-2 parts with one UDH reference, and gets one delivered receipt once every part is",
          arguments: [SMPPBindMode.transceiver, .transmitterAndReceiver])
    func threePartVietnamese(bind: SMPPBindMode) async throws {
        try await Self.withBound(bind: bind) { simulator, running in
            let id = try await running.provider.submit(.test("msg_vi", text: Self.vietnamese))
            let submits = try simulator.takenSubmits()
            #expect(submits.count == 3)
            #expect(submits.first?.messageId == id)
            #expect(submits.allSatisfy { $0.dataCoding == 8 && $0.esmClass == 0x40 })
            let headers = submits.map { Array($0.octets.prefix(6)) }
            let reference = headers.first?[3]
            #expect(headers == (1...3).map { [0x05, 0x00, 0x03, reference ?? 0, 3, UInt8($0)] })
            let text = submits.map { SMPPInboundText.decode($0.octets, dataCoding: 8, hasHeader: true) }.joined()
            #expect(text == Self.vietnamese)
            // The delivered decision needs all three parts' reports, so nothing can follow it.
            let receipts = try await running.receipts.wait { !$0.isEmpty }
            #expect(receipts.map(\.status) == [.delivered])
            #expect(receipts.first?.messageId == "msg_vi")
            #expect(receipts.first?.detail.contains("part 3: stat:DELIVRD") == true)
        }
    }

    @Test("a multi-part message with an undeliverable part is undelivered")
    func undeliverable() async throws {
        try await Self.withBound(simulator: ["--undeliverable-suffix", "0000"]) { _, running in
            _ = try await running.provider.submit(.test("msg_undeliv", to: "+84912340000", text: Self.vietnamese))
            let receipts = try await running.receipts.wait { !$0.isEmpty }
            #expect(receipts.map(\.status) == [.undelivered])
            #expect(receipts.first?.detail.contains("stat:UNDELIV") == true)
        }
    }

    @Test("message_payload mode sends a long text in one submit_sm")
    func payloadMode() async throws {
        try await Self.withBound(longMessages: .payload) { simulator, running in
            _ = try await running.provider.submit(.test("msg_payload", text: Self.vietnamese))
            let submits = try simulator.takenSubmits()
            #expect(submits.count == 1)
            #expect(submits.first?.shortMessage == "")
            #expect(submits.first?.tlvs["0424"] == SMPPTextParts.ucs2(Self.vietnamese).map { String(format: "%02x", $0) }.joined())
            let receipts = try await running.receipts.wait { !$0.isEmpty }
            #expect(receipts.map(\.status) == [.delivered])
        }
    }

    @Test("ESME_RTHROTTLED is waited out and the part sent once")
    func throttledThenAccepted() async throws {
        try await Self.withBound(simulator: ["--throttle", "2"]) { simulator, running in
            _ = try await running.provider.submit(.test("msg_throttled", text: "Ho so da co ket qua"))
            #expect(try simulator.takenSubmits().count == 1)
        }
    }

    @Test("an SMSC that keeps throttling (or whose queue is full) is a transient failure with a pause",
          arguments: [["--throttle", "1000"], ["--queue-full", "1000"]])
    func throttledForGood(options: [String]) async throws {
        try await Self.withBound(simulator: options) { simulator, running in
            let failure = await #expect(throws: SubmitFailure.self) {
                try await running.provider.submit(.test("msg_busy", text: "Ho so da co ket qua"))
            }
            #expect(failure?.kind == .transient)
            #expect(failure?.code == "smpp_throttled")
            #expect((failure?.retryAfterSeconds ?? 0) > 0)
            let accepted = try simulator.takenSubmits()
            #expect(accepted.isEmpty)
        }
    }

    @Test("a submit whose answer never comes fails as transient (in doubt) after the timeout, and the link stays up")
    func silentSMSC() async throws {
        // The simulator holds the submit for ever; the client gives up after one second.
        try await Self.withBound(simulator: ["--silent-destination-suffix", "999"], timeoutSeconds: 1) { simulator, running in
            let failure = await #expect(throws: SubmitFailure.self) {
                try await running.provider.submit(.test("msg_lost", to: "+84912345999", text: "Ho so da co ket qua"))
            }
            #expect(failure?.kind == .transient)
            #expect(failure?.code == "smpp_timeout")
            _ = try await running.provider.submit(.test("msg_after", text: "Ho so da co ket qua"))
            #expect(try simulator.takenSubmits().map(\.destination) == ["84912345678"])
            #expect(running.provider.link.state == .bound)
        }
    }
}
