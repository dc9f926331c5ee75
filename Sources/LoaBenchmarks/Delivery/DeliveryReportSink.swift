import Hummingbird
import LoaPeers
import Synchronization

/// Where Kannel's smsbox calls delivery reports back in the benchmark (its `dlr-url`): answers
/// `200` and notes, for each receiver number, when its first delivered report (type 1) came.
final class DeliveryReportSink: Sendable {
    private let server: StandInServer
    private let ledger: Ledger

    /// When each receiver's first delivered report came.
    private final class Ledger: Sendable {
        let delivered = Mutex([String: ContinuousClock.Instant]())
    }

    private init(server: StandInServer, ledger: Ledger) {
        self.server = server
        self.ledger = ledger
    }

    static func start() async throws -> DeliveryReportSink {
        let ledger = Ledger()
        let router = Router()
        router.get("/dlr") { request, _ -> HTTPResponse.Status in
            let now = ContinuousClock.now
            if request.uri.queryParameters.get("type") == "1", let to = request.uri.queryParameters.get("to") {
                ledger.delivered.withLock { delivered in
                    if delivered[to] == nil { delivered[to] = now }
                }
            }
            return .ok
        }
        return DeliveryReportSink(server: try await StandInServer.start(router), ledger: ledger)
    }

    /// The `dlr-url`: Kannel fills in the receiver (`%p`) and the report type (`%d`).
    var url: String { "\(server.baseURL)/dlr?to=%p&type=%d" }

    /// When every one of `messages` messages (each to a number of its own) was reported
    /// delivered; nil until then.
    func allCalledBack(_ messages: Int) -> ContinuousClock.Instant? {
        ledger.delivered.withLock { $0.count >= messages ? $0.values.max() : nil }
    }

    func stop() async { await server.stop() }
}
