import Foundation
import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders
@testable import LoaSMPP
import LoaTestSupport

/// The SMPP provider against the smpp34 simulator, for the conformance suite. The simulator is
/// told how to answer by the recipient's last digits (`--answer-by-suffix`), and restarts by
/// being killed (an SMSC that crashes) and started again on the same port; receipts come as
/// deliver_sm to the provider, which hands them to its sink.
final class SMPPConformanceRig: ConformanceRig {
    static let unsupported: [ConformanceCase: String] = [:]

    /// The recipient whose submissions the simulator answers so, and how the script names it.
    private static let refusals: [(answer: PeerAnswer, recipient: String, script: String)] = [
        (.transient, "+84912347101", "system-error"),
        (.permanent, "+84912347102", "invalid-destination"),
        (.throttled, "+84912347103", "throttled"),
        (.receiptBeforeAnswer, "+84912347104", "receipt-before-answer"),
        (.duplicateReceipt, "+84912347105", "duplicate-receipt"),
    ]

    let receipts: ReceiptRecorder
    private let folder: TemporaryFolder
    private let simulator: SMPPSimulator
    private let running: RunningSMPP

    private init(folder: TemporaryFolder, simulator: SMPPSimulator, running: RunningSMPP, receipts: ReceiptRecorder) {
        self.folder = folder
        self.simulator = simulator
        self.running = running
        self.receipts = receipts
    }

    static func start() async throws -> SMPPConformanceRig {
        let folder = try TemporaryFolder()
        let rules = refusals.flatMap { ["--answer-by-suffix", "\($0.recipient.suffix(4))=\($0.script)"] }
        // Answers held back 0.3 s, so submits are in flight (taken, unanswered) when the SMSC dies.
        let simulator = try await SMPPSimulator(options: rules + ["--receipt-log", folder.path("receipts.log"), "--answer-delay", "0.3"])
        let receipts = ReceiptRecorder()
        let running = try RunningSMPP.start(
            port: simulator.port, ledgerPath: folder.path("parts.sqlite"), timeoutSeconds: 5, window: 4, sink: receipts)
        let rig = SMPPConformanceRig(folder: folder, simulator: simulator, running: running, receipts: receipts)
        guard try await running.waitForLink(.bound).state == .bound else {
            try await rig.stop()
            throw ConformanceError("the SMPP provider did not bind to the simulator within a minute")
        }
        return rig
    }

    var provider: any SMSProvider { running.provider }

    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest {
        guard let refusal = Self.refusals.first(where: { $0.answer == answer }) else { return request }
        var arranged = request
        arranged.to = try PhoneNumber(parsing: refusal.recipient)
        return arranged
    }

    /// The simulator's log of submit_sm, concatenated parts joined in order.
    func waitForTaken(_ count: Int) async throws -> [PeerMessage] {
        _ = try await Waiting.until(seconds: 120) { try self.takenMessages().count >= count }
        return try takenMessages()
    }

    private func takenMessages() throws -> [PeerMessage] {
        var messages: [PeerMessage] = []
        var parts: [String: [Int: String]] = [:]
        for submit in try simulator.takenSubmits() {
            let octets = submit.octets
            let hasHeader = submit.esmClass & 0x40 != 0
            let text = SMPPInboundText.decode(octets, dataCoding: UInt8(submit.dataCoding), hasHeader: hasHeader)
            // A concatenation header: 05 00 03 reference total sequence.
            guard hasHeader, octets.count >= 6, octets[1] == 0 else {
                messages.append(PeerMessage(to: submit.destination, text: text))
                continue
            }
            let key = "\(submit.destination)/\(octets[3])"
            parts[key, default: [:]][Int(octets[5])] = text
            if parts[key]?.count == Int(octets[4]), let whole = parts.removeValue(forKey: key) {
                messages.append(PeerMessage(to: submit.destination, text: whole.sorted { $0.key < $1.key }.map(\.value).joined()))
            }
        }
        return messages
    }

    /// Counts the receipts the provider acknowledged, as the simulator logs them.
    func waitForReceiptsSent(_ count: Int) async throws {
        let log = folder.path("receipts.log")
        let sent: @Sendable () -> Int = { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count }
        guard try await Waiting.until(seconds: 120, { sent() >= count }) else {
            throw ConformanceError("the simulator saw \(sent()) of \(count) receipts acknowledged within two minutes")
        }
    }

    func restartPeer() async throws {
        try await simulator.kill()
        try await simulator.start()
    }

    /// A submit was maybe taken when its answer never came or the link dropped while waiting.
    func isInDoubt(_ failure: SubmitFailure) -> Bool {
        ["smpp_connection_lost", "smpp_timeout", "smpp_malformed_answer"].contains(failure.code)
    }

    func stop() async throws {
        try await running.stop()
        try await simulator.stop()
    }
}
