import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders

/// Which preset a ``PresetConformanceRig`` plays.
protocol PresetChoice: Sendable {
    static var preset: PresetCase { get }
}

enum Twilio: PresetChoice { static let preset = PresetCase.twilio }
enum ESMS: PresetChoice { static let preset = PresetCase.esms }
enum SpeedSMS: PresetChoice { static let preset = PresetCase.speedsms }

/// A preset's provider against its stand-in, for the conformance suite; receipts come back over
/// HTTP to ``ReceiptEndpoint`` and are read by the provider's parser.
struct PresetConformanceRig<Choice: PresetChoice>: ConformanceRig {
    let rig: PresetRig

    static var unsupported: [ConformanceCase: String] {
        // Stopping a Hummingbird server while a client connects traps in NIO ("Deinited
        // NIOAsyncWriter without calling finish()"), so a stand-in cannot restart under load.
        var unsupported: [ConformanceCase: String] = [
            .peerRestartedMidBatch: "a Hummingbird stand-in cannot stop while the provider connects (NIO traps)",
        ]
        guard !PresetCase.withReceipts.contains(Choice.preset) else { return unsupported }
        let reason = "SpeedSMS reports to an account-wide webhook whose format its documentation does not give: the stand-in sends no receipts"
        for check in [ConformanceCase.receiptMatched, .receiptBeforeAnswer, .duplicateReceipt] { unsupported[check] = reason }
        return unsupported
    }

    static func start() async throws -> Self {
        Self(rig: try await PresetRig.start(Choice.preset))
    }

    var provider: any SMSProvider { rig.provider }
    var receipts: ReceiptRecorder { rig.endpoint.recorder }

    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest {
        let statuses = Choice.preset.statuses
        let reports = PresetCase.withReceipts.contains(Choice.preset) ? [statuses.accepted, statuses.delivered] : []
        let mode: StandInMode = switch answer {
        case .accept: .accept(receipts: reports)
        case .transient: .unavailable
        case .permanent: .rejectNumber
        case .throttled: .throttled(retryAfter: 7)
        case .receiptBeforeAnswer: .receiptsBeforeAnswer(receipts: [statuses.delivered])
        case .duplicateReceipt: .accept(receipts: [statuses.delivered, statuses.delivered])
        }
        rig.standIn.answer(mode)
        return request
    }

    func waitForTaken(_ count: Int) async throws -> [PeerMessage] {
        let standIn = rig.standIn
        _ = try await Waiting.until(seconds: 120) { standIn.takenMessages().count >= count }
        return standIn.takenMessages().map { PeerMessage(to: $0.to, text: $0.text) }
    }

    func waitForReceiptsSent(_ count: Int) async throws {
        guard try await receipts.wait(until: { $0.handOvers >= count }) else {
            throw ConformanceError("\(Choice.preset): \(receipts.handOvers) of \(count) callbacks came within two minutes")
        }
    }

    func restartPeer() async throws {
        throw ConformanceError("\(Choice.preset): \(Self.unsupported[.peerRestartedMidBatch] ?? "")")
    }

    func stop() async throws {
        try await rig.stop()
    }
}
