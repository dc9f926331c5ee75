import NIOCore
import NIOPosix
import Synchronization

/// One TCP connection to the SMSC: sends requests with fresh sequence numbers and matches the
/// answers to them; passes the SMSC's own requests (deliver_sm, enquire_link, unbind) to the
/// session. When the connection closes, every request still waiting fails with
/// ``SMPPLinkError/connectionLost(_:)``: in doubt, never silently lost.
final class SMPPConnection: Sendable {
    /// What the session does with a request from the SMSC.
    typealias RequestHandler = @Sendable (SMPPPDU, SMPPConnection) -> Void

    private struct Pending {
        var continuation: CheckedContinuation<SMPPPDU, any Error>
        var timeout: Scheduled<Void>?
        var onFinish: (@Sendable () -> Void)?
    }

    private struct State {
        var channel: (any Channel)?
        var pending: [UInt32: Pending] = [:]
        var nextSequence: UInt32 = 1
        var closedReason: String?
    }

    private let state = Mutex(State())
    private let onRequest: RequestHandler
    /// For logs and states: `transceiver`, `transmitter`, `receiver`.
    let role: String

    private init(role: String, onRequest: @escaping RequestHandler) {
        self.role = role
        self.onRequest = onRequest
    }

    /// Connects to `host:port`.
    static func open(
        host: String, port: Int, role: String, maxPDULength: Int, connectTimeout: TimeAmount,
        group: any EventLoopGroup, onRequest: @escaping RequestHandler
    ) async throws -> SMPPConnection {
        let connection = SMPPConnection(role: role, onRequest: onRequest)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder(maxLength: maxPDULength)))
                    try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(SMPPPDUEncoder()))
                    try channel.pipeline.syncOperations.addHandler(SMPPChannelHandler(connection: connection))
                }
            }
            .connect(host: host, port: port).get()
        let closedEarly = connection.state.withLock { state -> Bool in
            state.channel = channel
            return state.closedReason != nil
        }
        if closedEarly { channel.close(promise: nil) }
        return connection
    }

    /// Completes when the connection has closed.
    func waitUntilClosed() async {
        guard let channel = state.withLock({ $0.channel }) else { return }
        try? await channel.closeFuture.get()
    }

    /// Why the connection closed, once it has.
    var closedReason: String? { state.withLock { $0.closedReason } }

    /// Sends a request and waits for its answer (or a generic_nack naming its sequence number).
    /// `onFinish` runs exactly once, as soon as the request is answered, times out or fails,
    /// where that is noticed (on the event loop for an answer) and before the caller resumes:
    /// a window slot given back there is free a task switch sooner.
    func request(
        _ command: SMPPCommandID, body: SMPPBody = .empty, timeout: TimeAmount, onFinish: (@Sendable () -> Void)? = nil
    ) async throws(SMPPLinkError) -> SMPPPDU {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let sent: (channel: any Channel, sequence: UInt32)? = state.withLock { state in
                    guard state.closedReason == nil, let channel = state.channel else { return nil }
                    let sequence = state.nextSequence
                    state.nextSequence = sequence >= 0x7FFF_FFFF ? 1 : sequence + 1
                    state.pending[sequence] = Pending(continuation: continuation, timeout: nil, onFinish: onFinish)
                    return (channel, sequence)
                }
                guard let (channel, sequence) = sent else {
                    onFinish?()
                    continuation.resume(throwing: SMPPLinkError.notConnected)
                    return
                }
                let timer = channel.eventLoop.scheduleTask(in: timeout) { [self] in
                    finish(sequence, with: .failure(SMPPLinkError.timedOut))
                }
                let finishedAlready = state.withLock { state -> Bool in
                    guard state.pending[sequence] != nil else { return true }
                    state.pending[sequence]?.timeout = timer
                    return false
                }
                if finishedAlready { timer.cancel() }
                let pdu = SMPPPDU(command: command, sequenceNumber: sequence, body: body)
                channel.writeAndFlush(pdu).whenFailure { [self] error in
                    finish(sequence, with: .failure(SMPPLinkError.connectionLost("write failed: \(error)")))
                }
            }
        } catch let error as SMPPLinkError {
            throw error
        } catch {
            throw .connectionLost("\(error)")
        }
    }

    /// Answers a request of the SMSC's.
    func respond(to request: SMPPPDU, status: SMPPCommandStatus = .ok, body: SMPPBody = .empty) {
        let command = request.command.isResponse ? SMPPCommandID.genericNack : request.command.response
        send(SMPPPDU(command: command, status: status, sequenceNumber: request.sequenceNumber, body: body))
    }

    /// Answers requests of the SMSC's, with one flush: `answers` pairs each request with its status.
    func respond(_ answers: [(request: SMPPPDU, status: SMPPCommandStatus)], body: SMPPBody = .empty) {
        guard let channel = state.withLock({ $0.channel }), !answers.isEmpty else { return }
        let pdus = answers.map { request, status in
            SMPPPDU(command: request.command.isResponse ? .genericNack : request.command.response, status: status,
                    sequenceNumber: request.sequenceNumber, body: body)
        }
        channel.eventLoop.execute {
            for pdu in pdus { channel.write(pdu, promise: nil) }
            channel.flush()
        }
    }

    /// Sends a PDU that expects no answer (a response, a generic_nack).
    func send(_ pdu: SMPPPDU) {
        state.withLock { $0.channel }?.writeAndFlush(pdu, promise: nil)
    }

    /// Closes the connection (waiting requests fail as in doubt).
    func close() {
        let channel = state.withLock { state -> (any Channel)? in
            if state.closedReason == nil { state.closedReason = "closed by Loa" }
            return state.channel
        }
        channel?.close(promise: nil)
    }

    // MARK: From the channel handler

    func received(_ frame: SMPPFrame) {
        switch frame {
        case let .pdu(pdu) where pdu.command.isResponse:
            finish(pdu.sequenceNumber, with: .success(pdu))
        case let .pdu(pdu):
            onRequest(pdu, self)
        case let .malformed(command, sequence, error):
            if command.isResponse {
                finish(sequence, with: .failure(SMPPLinkError.malformedAnswer(error)))
            } else {
                send(SMPPPDU(command: .genericNack, status: error.status, sequenceNumber: sequence))
            }
        }
    }

    func closed(reason: String) {
        let waiting = state.withLock { state -> [Pending] in
            if state.closedReason == nil { state.closedReason = reason }
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        let why = closedReason ?? reason
        for pending in waiting {
            pending.timeout?.cancel()
            pending.onFinish?()
            pending.continuation.resume(throwing: SMPPLinkError.connectionLost(why))
        }
    }

    private func finish(_ sequence: UInt32, with result: Result<SMPPPDU, any Error>) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: sequence) }) else { return }
        pending.timeout?.cancel()
        pending.onFinish?()
        pending.continuation.resume(with: result)
    }
}
