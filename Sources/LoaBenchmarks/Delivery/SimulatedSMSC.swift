import Foundation
import LoaPeers
import LoaTestSupport

/// The smpp34 SMSC simulator (``SMPPSimulator``, `scripts/peers/smpp_smsc.py`) in a process of
/// its own, as what one gateway sends to: it counts the `submit_sm` it took (one line each in its
/// log, one per SMS part) and the delivery receipts the gateway acknowledged, and reads its own
/// CPU time. Each gateway gets a simulator of its own, with the same code and options.
final class SimulatedSMSC: RoundProviders {
    private let simulator: SMPPSimulator
    /// The texts message i is sent with (text i mod count), for the parts to expect.
    private let texts: [BenchmarkText]
    private let window: Int
    private let submits: LogLineCounter
    private let receiptLog: String
    private let receipts: LogLineCounter
    /// The simulator process's CPU time.
    let peerCPU: ProcessCPU?

    private init(simulator: SMPPSimulator, texts: [BenchmarkText], window: Int, receiptLog: String) throws {
        self.simulator = simulator
        self.texts = texts
        self.window = window
        self.receiptLog = receiptLog
        submits = LogLineCounter(path: simulator.logPath)
        receipts = LogLineCounter(path: receiptLog)
        let ready = simulator.folder.appendingPathComponent("ready").path
        guard let pid = (try? String(contentsOfFile: ready, encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            throw BenchmarkError("the SMPP simulator wrote no process id to \(ready)")
        }
        peerCPU = ProcessCPU(processIdentifiers: [pid])
    }

    /// Starts a simulator (message ids decimal in answers and receipts, which Kannel's
    /// `msg-id-type 0x00` and Loa both read; every message delivered) for messages with `texts`.
    /// Receipts follow their part by a second, as from a handset: sent at once, Kannel 1.4.5
    /// found about a quarter of them before it had stored the part's answer ("DLR … not
    /// found") and never called them back. A receipt the gateway refuses (its queue of receipts
    /// full: ESME_RX_T_APPN) is sent again a second later, as real SMSCs do: without that, one
    /// round on a busy machine waited for ever for 170 receipts never acknowledged OK.
    static func start(texts: [BenchmarkText], window: Int) async throws -> SimulatedSMSC {
        let receiptLog = FileManager.default.temporaryDirectory.appendingPathComponent("loa-bench-receipts-\(UUID().uuidString).log").path
        let simulator = try await SMPPSimulator(repositoryRoot: LoaBinary.repositoryRoot, options: [
            "--ids", "decimal", "--undeliverable-suffix", "none", "--receipt-delay", "1", "--receipt-log", receiptLog,
            "--receipt-retry", "1",
        ])
        return try SimulatedSMSC(simulator: simulator, texts: texts, window: window, receiptLog: receiptLog)
    }

    var port: Int { simulator.port }

    /// The SMS parts of the first `messages` messages.
    func parts(_ messages: Int) -> Int { BenchmarkText.parts(of: messages, texts: texts) }

    /// Loa's SMPP provider bound to this simulator as a transceiver, with the window Kannel gets.
    func entries(loaPort: Int) -> [ProviderEntry] {
        [ProviderEntry(name: "smsc", settings: [
            "type: smpp", "host: 127.0.0.1", "port: \(port)", "systemId: loa", "password: secret", "window: \(window)",
        ])]
    }

    /// When the simulator had logged every part (seen by this poll).
    func allSubmitted(_ messages: Int) throws -> ContinuousClock.Instant? {
        try submits.refresh() >= parts(messages) ? .now : nil
    }

    /// When the simulator had every part's receipt acknowledged (Loa asks one for each part and
    /// acknowledges a `deliver_sm` only once its receipt is handed over).
    func allDelivered(_ messages: Int) throws -> ContinuousClock.Instant? {
        try receipts.refresh() >= parts(messages) ? .now : nil
    }

    /// Receipts the gateway acknowledged so far.
    func receiptsAcknowledged() throws -> Int { try receipts.refresh() }

    /// What the simulator took: `submit_sm` PDUs, distinct messages (each message goes to a
    /// number of its own), and the PDUs that asked for a receipt (registered_delivery bit 0).
    func taken() throws -> (parts: Int, messages: Int, receiptsAsked: Int) {
        let log = try String(contentsOfFile: simulator.logPath, encoding: .utf8)
        let submits = try log.split(separator: "\n").map { try JSONDecoder().decode(LoggedSubmit.self, from: Data($0.utf8)) }
        return (submits.count, Set(submits.map(\.destination)).count, submits.filter { $0.registeredDelivery & 1 == 1 }.count)
    }

    private struct LoggedSubmit: Decodable {
        let destination: String
        let registeredDelivery: Int
    }

    func stop() async throws {
        try await simulator.stop()
        try? FileManager.default.removeItem(atPath: receiptLog)
    }
}
