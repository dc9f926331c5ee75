import LoaSMPP
import NIOCore
import NIOPosix
import Synchronization

/// A minimal SMSC in Swift that speaks real SMPP over loopback, for what the smpp34 simulator
/// cannot do on demand: it refuses binds whose password is not `password` (ESME_RINVPASWD);
/// after a bind it sends `inbound` as deliver_sm (mobile-originated); it can leave
/// enquire_link unanswered (a dead link); it can hold submit_sm answers back (see
/// ``SubmitHolding``); it records every command it receives.
final class FakeSMSC: Sendable {
    let port: Int
    private let channel: any Channel
    private let connections = Connections()

    /// The accepted connections, to drop them on ``stop()``.
    final class Connections: Sendable {
        private let channels = Mutex<[any Channel]>([])
        func append(_ channel: any Channel) { channels.withLock { $0.append(channel) } }
        var all: [any Channel] { channels.withLock { $0 } }
    }
    /// What it received: commands, and the status of each deliver_sm_resp.
    let log = Log()

    final class Log: Sendable {
        private let entries = Mutex<[(command: SMPPCommandID, status: SMPPCommandStatus)]>([])
        func append(_ pdu: SMPPPDU) { entries.withLock { $0.append((pdu.command, pdu.status)) } }
        /// Every command received, in order.
        var commands: [SMPPCommandID] { entries.withLock { $0.map(\.command) } }
        private let outstanding = Mutex(0)
        /// Notes `count` submit_sm unanswered at once.
        func noteOutstanding(_ count: Int) { outstanding.withLock { $0 = max($0, count) } }
        /// The most submit_sm that were unanswered at once (with ``SubmitHolding``).
        var maxOutstanding: Int { outstanding.withLock { $0 } }
        /// The statuses of the deliver_sm_resp received.
        var deliverAnswers: [SMPPCommandStatus] { entries.withLock { $0.filter { $0.command == .deliverSMResp }.map(\.status) } }
    }

    /// Holds submit_sm answers back: the oldest is answered only while `outstanding` or more are
    /// unanswered, and all once `total` have come. A client that keeps its window never has more
    /// than `outstanding` unanswered; one that does not is seen with more.
    struct SubmitHolding: Sendable {
        var outstanding: Int
        var total: Int
    }

    init(password: String, inbound: [SMPPShortMessage] = [], answersEnquireLink: Bool = true, holding: SubmitHolding? = nil) async throws {
        let log = log
        let connections = connections
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                connections.append(child)
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder(maxLength: 4096)))
                    try child.pipeline.syncOperations.addHandler(MessageToByteHandler(SMPPPDUEncoder()))
                    try child.pipeline.syncOperations.addHandler(Session(
                        password: password, inbound: inbound, answersEnquireLink: answersEnquireLink, holding: holding, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Stops listening and drops every connection.
    func stop() async throws {
        try await channel.close()
        for connection in connections.all {
            try? await connection.close()
        }
    }

    /// Waits until `condition` holds for the log (safety net: 60 s).
    func wait(until condition: (Log) -> Bool) async throws {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(60)
        while clock.now < end, !condition(log) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private final class Session: ChannelInboundHandler, Sendable {
        typealias InboundIn = SMPPFrame
        typealias OutboundOut = SMPPPDU
        let password: String
        let inbound: [SMPPShortMessage]
        let answersEnquireLink: Bool
        let holding: SubmitHolding?
        let log: Log
        /// Sequence numbers of submit_sm not answered yet, and how many came.
        private let held = Mutex<(waiting: [UInt32], received: Int)>(([], 0))

        init(password: String, inbound: [SMPPShortMessage], answersEnquireLink: Bool, holding: SubmitHolding?, log: Log) {
            self.password = password
            self.inbound = inbound
            self.answersEnquireLink = answersEnquireLink
            self.holding = holding
            self.log = log
        }

        /// The submit_sm to answer now, after `sequence` came.
        private func release(after sequence: UInt32) -> [UInt32] {
            guard let holding else { return [sequence] }
            return held.withLock { state in
                state.waiting.append(sequence)
                state.received += 1
                log.noteOutstanding(state.waiting.count)
                if state.received >= holding.total {
                    defer { state.waiting = [] }
                    return state.waiting
                }
                guard state.waiting.count >= holding.outstanding else { return [] }
                return [state.waiting.removeFirst()]
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case let .pdu(pdu) = unwrapInboundIn(data) else { return }
            log.append(pdu)
            switch pdu.command {
            case .bindTransceiver, .bindTransmitter, .bindReceiver:
                guard case let .bind(bind) = pdu.body else { return }
                let status: SMPPCommandStatus = bind.password == password ? .ok : .invalidPassword
                let answer = SMPPPDU(command: pdu.command.response, status: status, sequenceNumber: pdu.sequenceNumber,
                                     body: status == .ok ? .bindResponse(systemID: "FakeSMSC") : .empty)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
                guard status == .ok else { return }
                for (index, message) in inbound.enumerated() {
                    let deliver = SMPPPDU(command: .deliverSM, sequenceNumber: UInt32(1000 + index), body: .shortMessage(message))
                    context.writeAndFlush(wrapOutboundOut(deliver), promise: nil)
                }
            case .enquireLink where !answersEnquireLink:
                break
            case .submitSM:
                for sequence in release(after: pdu.sequenceNumber) {
                    let answer = SMPPPDU(command: .submitSMResp, sequenceNumber: sequence, body: .messageID("fake-\(sequence)"))
                    context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
                }
            case let command where command.isResponse:
                break
            default:
                context.writeAndFlush(wrapOutboundOut(SMPPPDU(command: pdu.command.response, sequenceNumber: pdu.sequenceNumber)), promise: nil)
            }
        }
    }
}
