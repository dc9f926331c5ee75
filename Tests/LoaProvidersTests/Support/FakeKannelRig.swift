import Foundation
import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders

/// The Kannel adapter against FakeKannel (a stand-in for smsbox speaking its `sendsms` and
/// `dlr-url` protocol), for the conformance suite: it plays what real Kannel with fakesmsc
/// cannot on demand (429 from a proxy in front, a report before the answer, a repeated report).
/// Reports come to Loa's receipt endpoint and are read by the adapter's parser.
struct FakeKannelRig: ConformanceRig {
    static let unsupported: [ConformanceCase: String] = [:]

    let kannel: FakeKannel
    let endpoint: ReceiptEndpoint
    let adapter: KannelProvider

    static func start() async throws -> FakeKannelRig {
        let kannel = try await FakeKannel.start()
        let endpoint = try await ReceiptEndpoint.start()
        let adapter = try KannelProvider(name: "kannel", settings: KannelSettings(
            sendURL: URL(string: kannel.sendURL)!, username: "loa", password: "loa-secret",
            receiptBaseURL: URL(string: endpoint.baseURL)!, receiptSecret: "kannel-conformance-secret-of-32-bytes-or-more"))
        endpoint.use(adapter)
        return FakeKannelRig(kannel: kannel, endpoint: endpoint, adapter: adapter)
    }

    var provider: any SMSProvider { adapter }
    var receipts: ReceiptRecorder { endpoint.recorder }

    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest {
        let scripted: FakeKannelAnswer = switch answer {
        case .accept: .asConfigured
        case .transient: .fault(.unavailable)
        case .permanent: .denyRecipients
        case .throttled: .fault(.throttled(retryAfterSeconds: 7))
        case .receiptBeforeAnswer: .receiptBeforeAnswer
        case .duplicateReceipt: .duplicateReceipt
        }
        kannel.answer(scripted)
        return request
    }

    func waitForTaken(_ count: Int) async throws -> [PeerMessage] {
        _ = try await Waiting.until(seconds: 120) { kannel.takenMessages.count >= count }
        return kannel.takenMessages.map { PeerMessage(to: $0.to, text: $0.text) }
    }

    func waitForReceiptsSent(_ count: Int) async throws {
        guard try await receipts.wait(until: { $0.handOvers >= count }) else {
            throw ConformanceError("FakeKannel: \(receipts.handOvers) of \(count) reports came within two minutes")
        }
    }

    func restartPeer() async throws {
        try await kannel.restart()
    }

    func stop() async throws {
        await kannel.drainReports()
        try await kannel.stop()
        await endpoint.stop()
    }
}
