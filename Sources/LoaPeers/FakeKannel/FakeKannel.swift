#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A stand-in for Kannel's smsbox on 127.0.0.1 that answers `sendsms` as Kannel documents it
/// and calls each message's `dlr-url` back like Kannel does, only faster and with faults on
/// demand: for the soak test (5xx, hangs, resets, 429) and the throughput benchmark, where a
/// real SMSC's speed would measure the SMSC rather than Loa.
///
/// It speaks the real protocol, so Loa's real ``KannelProvider`` talks to it unchanged:
/// `GET /cgi-bin/sendsms?username&password&to&text&dlr-url…` answers `202 0: Accepted for
/// delivery`; bad credentials `403`, a missing `to` or `text` `400`. A delivery report
/// (type 1, delivered) is then sent to the `dlr-url` with `%d` and `%A` expanded, and retried
/// while the receiver is down or answers 5xx, as smsbox does with `http-request-retry`.
///
/// ```swift
/// let kannel = try await FakeKannel.start(settings: .init(faults: .everyKind(share: 0.3)))
/// // point Loa's providers.kannel.sendURL at kannel.sendURL …
/// print(kannel.statistics)
/// try await kannel.stop()
/// ```
public final class FakeKannel: Sendable {
    /// Where `sendsms` listens, for example `http://127.0.0.1:41234/cgi-bin/sendsms`.
    public var sendURL: String { "http://127.0.0.1:\(server.withLock { $0.port })/cgi-bin/sendsms" }
    let settings: FakeKannelSettings
    private let receipts: ReceiptPoster
    private let server = Mutex<(channel: (any Channel)?, port: Int)>((nil, 0))
    /// Open client connections, closed by ``stop()`` (a hanging answer would otherwise keep
    /// its connection open long after the test that asked for it).
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    /// What a test asked it to answer, over its settings.
    private let scripted = Mutex(FakeKannelAnswer.asConfigured)

    private init(settings: FakeKannelSettings) {
        self.settings = settings
        receipts = ReceiptPoster(settings: settings)
    }

    /// Starts listening on 127.0.0.1 (`port` 0: a free port).
    public static func start(port: Int = 0, settings: FakeKannelSettings = .init()) async throws -> FakeKannel {
        let kannel = FakeKannel(settings: settings)
        do {
            try await kannel.listen(port: port)
        } catch {
            try? await kannel.receipts.stop()
            throw error
        }
        return kannel
    }

    /// Listens for `sendsms` on `port` (0: a free port).
    private func listen(port: Int) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                self.track(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SendSMSHandler(kannel: self))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let bound = channel.localAddress?.port ?? port
        // restart() listens on it again: no other test's free port meanwhile.
        LoopbackPort.reserve(bound)
        server.withLock { $0 = (channel, bound) }
    }

    /// Answers every submission from now on as `answer` says, over the settings' fault mix.
    public func answer(_ answer: FakeKannelAnswer) {
        scripted.withLock { $0 = answer }
    }

    /// Plays smsbox restarting: stops listening and closes every connection (a submission in
    /// progress gets no answer), then listens again on the same port. Reports still owed are
    /// sent, as bearerbox keeps them while smsbox restarts.
    public func restart() async throws {
        let port = server.withLock { $0.port }
        await closeConnections()
        // A client's connection may hold the port as its own end for a moment: try again.
        for _ in 0..<600 {
            do {
                return try await listen(port: port)
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        try await listen(port: port)
    }

    /// Stops listening, closes the connections still open and stops posting reports (those
    /// still queued are dropped); a second call does nothing.
    public func stop() async throws {
        await closeConnections()
        try await receipts.stop()
    }

    /// Stops listening and closes the connections still open.
    private func closeConnections() async {
        let channel = server.withLock { server in
            defer { server.channel = nil }
            return server.channel
        }
        try? await channel?.close()
        let open = connections.withLock { connections in
            defer { connections.removeAll() }
            return Array(connections.values)
        }
        for connection in open {
            try? await connection.close()
        }
    }

    /// Sends no more delivery reports and waits until those owed so far were answered (or given
    /// up): a receiver stopped while a report connects to it is then not a race.
    public func drainReports() async {
        await receipts.drain()
    }

    /// Sends a delivery report now; returns once it was answered (or given up).
    func report(_ url: String) async {
        await receipts.postNow(url)
    }

    /// Remembers `channel` until it closes.
    private func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.connections.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// The messages accepted so far, oldest first.
    public var takenMessages: [FakeKannelMessage] { receipts.ledger.takenMessages }

    /// Counts so far.
    public var statistics: FakeKannelStatistics { receipts.ledger.statistics }

    /// When each message id was first accepted.
    public var acceptanceTimes: [String: ContinuousClock.Instant] { receipts.ledger.acceptanceTimes }

    /// How many times each message id was accepted (more than once: a duplicate).
    public var acceptanceCounts: [String: Int] { receipts.ledger.acceptanceCounts }

    /// When the receiver last answered a delivery report with 2xx.
    public var lastReceiptPostedAt: ContinuousClock.Instant? { receipts.ledger.lastReceiptPostedAt }

    func connectionOpened() { receipts.ledger.connectionOpened() }

    /// What to do with one request.
    enum Answer {
        case respond(HTTPResponseStatus, String, [(String, String)])
        /// Send the report at this URL, then respond.
        case reportThenRespond(String, HTTPResponseStatus, String)
        case hang(Duration)
        case reset
    }

    func answer(uri: String) -> Answer {
        let ledger = receipts.ledger
        guard let request = SendSMSRequest(uri: uri) else {
            return .respond(.notFound, "Unknown request.", [])
        }
        guard request.parameters["username"] == settings.username, request.parameters["password"] == settings.password else {
            ledger.rejected()
            return .respond(.forbidden, "Authorization failed for sendsms", [])
        }
        guard let to = request.parameters["to"], !to.isEmpty else {
            ledger.rejected()
            return .respond(.badRequest, "Missing receiver number", [])
        }
        guard let text = request.parameters["text"], !text.isEmpty else {
            ledger.rejected()
            return .respond(.badRequest, "Missing text", [])
        }
        let scripted = scripted.withLock { $0 }
        if scripted == .denyRecipients {
            ledger.rejected()
            return .respond(.forbidden, "Number(s) has/have been denied.", [])
        }
        let faults = settings.faults
        var fault: Fault?
        if case .fault(let always) = scripted {
            fault = always
        } else if faults.share > 0, Double.random(in: 0..<1) < faults.share {
            fault = faults.kinds.randomElement()
        }
        if let fault {
            ledger.fault(fault)
            switch fault {
            case .unavailable: return .respond(.serviceUnavailable, "Service temporarily unavailable", [])
            case .hang(let duration): return .hang(duration)
            case .reset: return .reset
            case .throttled(let seconds): return .respond(.tooManyRequests, "Too many requests", [("Retry-After", String(seconds))])
            }
        }
        ledger.accepted(messageId: request.messageId, to: to, text: text, at: .now)
        let accepted = "0: Accepted for delivery"
        guard settings.sendsReceipts, let receiptURL = request.receiptURL(type: 1, answer: "ACK/fake") else {
            return .respond(.accepted, accepted, [])
        }
        switch scripted {
        case .receiptBeforeAnswer:
            return .reportThenRespond(receiptURL, .accepted, accepted)
        case .duplicateReceipt:
            receipts.post(receiptURL)
            receipts.post(receiptURL)
        case .asConfigured, .fault, .denyRecipients:
            receipts.post(receiptURL)
        }
        return .respond(.accepted, accepted, [])
    }
}
