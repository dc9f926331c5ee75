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

    /// What a request's answer (or failure) goes to.
    typealias Completion = @Sendable (Result<SMPPPDU, SMPPLinkError>) -> Void

    private struct Pending {
        var completion: Completion
        var timeout: Scheduled<Void>?
        var onFinish: (@Sendable () -> Void)?
    }

    private struct State {
        var channel: (any Channel)?
        var pending: [UInt32: Pending] = [:]
        var nextSequence: UInt32 = 1
        var closedReason: String?
        /// On the event loop, between a read's first frame and its end: requests written
        /// meanwhile are flushed together when the read ends.
        var reading = false
        var unflushed = false
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
    /// where that is noticed (on the event loop for an answer) and before the caller resumes.
    func request(
        _ command: SMPPCommandID, body: SMPPBody = .empty, timeout: TimeAmount, onFinish: (@Sendable () -> Void)? = nil
    ) async throws(SMPPLinkError) -> SMPPPDU {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<SMPPPDU, SMPPLinkError>, Never>) in
            start(command, body: body, timeout: timeout, onFinish: onFinish) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Sends a request; `completion` gets its answer (or a generic_nack naming its sequence
    /// number) or its failure exactly once, right after `onFinish`, where that is noticed (on
    /// the event loop for an answer, a timeout or a failed write). Called on the event loop
    /// while it reads answers, the request is written at once and flushed when the read ends.
    func start(
        _ command: SMPPCommandID, body: SMPPBody, timeout: TimeAmount, onFinish: (@Sendable () -> Void)?, completion: @escaping Completion
    ) {
        let sent: (channel: any Channel, sequence: UInt32)? = state.withLock { state in
            guard state.closedReason == nil, let channel = state.channel else { return nil }
            let sequence = state.nextSequence
            state.nextSequence = sequence >= 0x7FFF_FFFF ? 1 : sequence + 1
            state.pending[sequence] = Pending(completion: completion, timeout: nil, onFinish: onFinish)
            return (channel, sequence)
        }
        guard let (channel, sequence) = sent else {
            onFinish?()
            completion(.failure(.notConnected))
            return
        }
        let timer = channel.eventLoop.scheduleTask(in: timeout) { [self] in
            finish(sequence, with: .failure(.timedOut))
        }
        let finishedAlready = state.withLock { state -> Bool in
            guard state.pending[sequence] != nil else { return true }
            state.pending[sequence]?.timeout = timer
            return false
        }
        if finishedAlready { timer.cancel() }
        let pdu = SMPPPDU(command: command, sequenceNumber: sequence, body: body)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { [self] error in
            finish(sequence, with: .failure(.connectionLost("write failed: \(error)")))
        }
        let deferFlush = channel.eventLoop.inEventLoop && state.withLock { state -> Bool in
            if state.reading { state.unflushed = true }
            return state.reading
        }
        if deferFlush {
            channel.write(pdu, promise: written)
        } else {
            channel.writeAndFlush(pdu, promise: written)
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
        state.withLock { $0.reading = true }
        switch frame {
        case let .pdu(pdu) where pdu.command.isResponse:
            finish(pdu.sequenceNumber, with: .success(pdu))
        case let .pdu(pdu):
            onRequest(pdu, self)
        case let .malformed(command, sequence, error):
            if command.isResponse {
                finish(sequence, with: .failure(.malformedAnswer(error)))
            } else {
                send(SMPPPDU(command: .genericNack, status: error.status, sequenceNumber: sequence))
            }
        }
    }

    /// The read that brought the last frames has ended: flushes what was written meanwhile.
    func readComplete() {
        let channel = state.withLock { state -> (any Channel)? in
            defer { (state.reading, state.unflushed) = (false, false) }
            return state.unflushed ? state.channel : nil
        }
        channel?.flush()
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
            pending.completion(.failure(.connectionLost(why)))
        }
    }

    private func finish(_ sequence: UInt32, with result: Result<SMPPPDU, SMPPLinkError>) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: sequence) }) else { return }
        pending.timeout?.cancel()
        pending.onFinish?()
        pending.completion(result)
    }
}
