import Foundation
import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders
import LoaTestSupport
import Synchronization
import Testing

/// The Kannel adapter passes the provider conformance suite against real Kannel (bearerbox,
/// smsbox, fakesmsc as the SMSC) for every case real Kannel can play; FakeKannel plays the rest
/// (LoaProvidersTests' FakeKannelConformanceTests). One Kannel at a time, on ports of its own.
@Suite("Kannel adapter: provider conformance against real Kannel (not throttled, receipt before answer, duplicate receipt: Kannel cannot)",
       .serialized, .timeLimit(.minutes(10)),
       .enabled(if: Peers.kannelEnabled, "Kannel is not installed (apt-get install kannel kannel-extras, or run scripts/test); skipping the real-Kannel conformance suite"))
struct KannelConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: RealKannelRig.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(RealKannelRig.self)
    }
}

/// Real Kannel through scripts/peers/kannel.sh, the adapter sending to its smsbox, reports
/// coming back over the signed dlr-url to Loa's receipt endpoint. A transient refusal is Kannel
/// down (the adapter cannot reach smsbox); a permanent one a recipient of a denied prefix;
/// restarting stops every box and starts them again, keeping the store.
final class RealKannelRig: ConformanceRig {
    static let unsupported: [ConformanceCase: String] = [
        .throttled: "Kannel has no rate-limit answer of its own: a 429 comes from a proxy in front, which FakeKannel plays",
        .receiptBeforeAnswer: "smsbox answers sendsms once bearerbox has the message, before fakesmsc can report it",
        .duplicateReceipt: "Kannel sends each report once: FakeKannel plays a repeated one",
    ]

    /// The recipients Kannel refuses (its `denied-prefix`).
    private static let deniedPrefix = "+849123471"

    let receipts: ReceiptRecorder
    private let folder: URL
    private let environment: [String: String]
    private let endpoint: ReceiptEndpoint
    private let adapter: KannelProvider
    private let running = Mutex(true)
    /// What fakesmsc logged before Kannel was last stopped (each start begins a new log).
    private let earlierLog = Mutex("")

    private init(folder: URL, environment: [String: String], endpoint: ReceiptEndpoint, adapter: KannelProvider) {
        self.folder = folder
        self.environment = environment
        self.endpoint = endpoint
        self.adapter = adapter
        receipts = endpoint.recorder
    }

    static func start() async throws -> RealKannelRig {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-kannel-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sendPort = try Peers.freePort()
        let environment = [
            "KANNEL_ADMIN_PORT": String(try Peers.freePort()), "KANNEL_SMSBOX_PORT": String(try Peers.freePort()),
            "KANNEL_SENDSMS_PORT": String(sendPort), "KANNEL_FAKESMSC_PORT": String(try Peers.freePort()),
            "KANNEL_REJECT_PREFIX": deniedPrefix, "KANNEL_KEEP_STORE": "1",
        ]
        try await KannelScript.run(["start", folder.path], repositoryRoot: LoaBinary.repositoryRoot, environment: environment)
        let endpoint = try await ReceiptEndpoint.start()
        let adapter = try KannelProvider(name: "kannel", settings: KannelSettings(
            sendURL: URL(string: "http://127.0.0.1:\(sendPort)/cgi-bin/sendsms")!, username: "loa", password: "loa-secret",
            receiptBaseURL: URL(string: endpoint.baseURL)!, receiptSecret: "kannel-conformance-secret-of-32-bytes-or-more"))
        endpoint.use(adapter)
        return RealKannelRig(folder: folder, environment: environment, endpoint: endpoint, adapter: adapter)
    }

    var provider: any SMSProvider { adapter }

    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest {
        switch answer {
        case .transient:
            try await kannel("stop")
        case .permanent:
            try await kannel("start")
            var denied = request
            denied.to = try PhoneNumber(parsing: Self.deniedPrefix + "02")
            return denied
        case .accept, .throttled, .receiptBeforeAnswer, .duplicateReceipt:
            try await kannel("start")
        }
        return request
    }

    func waitForTaken(_ count: Int) async throws -> [PeerMessage] {
        _ = try await Waiting.until(seconds: 120) { self.takenMessages().count >= count }
        return takenMessages()
    }

    /// What fakesmsc logged, concatenated parts joined.
    private func takenMessages() -> [PeerMessage] {
        let current = running.withLock { $0 } ? currentLog() : ""
        var messages: [PeerMessage] = []
        var parts: [String: [Int: String]] = [:]
        for part in FakeSMSCLog.messages(in: earlierLog.withLock { $0 } + current) {
            guard let concatenation = part.concatenation else {
                messages.append(PeerMessage(to: part.to, text: part.text))
                continue
            }
            let key = "\(part.to)/\(concatenation.reference)"
            parts[key, default: [:]][concatenation.sequence] = part.text
            if parts[key]?.count == concatenation.total, let whole = parts.removeValue(forKey: key) {
                messages.append(PeerMessage(to: part.to, text: whole.sorted { $0.key < $1.key }.map(\.value).joined()))
            }
        }
        return messages
    }

    func waitForReceiptsSent(_ count: Int) async throws {
        guard try await receipts.wait(until: { $0.handOvers >= count }) else {
            throw ConformanceError("Kannel: \(receipts.handOvers) of \(count) reports came within two minutes")
        }
    }

    func restartPeer() async throws {
        try await kannel("stop")
        try await kannel("start")
    }

    func stop() async throws {
        try await kannel("stop")
        await endpoint.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts or stops Kannel unless it already is so (the store is kept across a restart).
    private func kannel(_ command: String) async throws {
        let wanted = command == "start"
        guard running.withLock({ $0 }) != wanted else { return }
        try await KannelScript.run([command, folder.path], repositoryRoot: LoaBinary.repositoryRoot, environment: environment)
        if !wanted {
            let log = currentLog()
            earlierLog.withLock { $0 += log }
        }
        running.withLock { $0 = wanted }
    }

    private func currentLog() -> String {
        (try? String(contentsOf: folder.appendingPathComponent("fakesmsc.log"), encoding: .utf8)) ?? ""
    }
}
