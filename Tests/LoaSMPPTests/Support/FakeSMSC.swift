import LoaSMPP
import NIOCore
import NIOPosix
import Synchronization

/// A minimal SMSC in Swift that speaks real SMPP over loopback, for what the smpp34 simulator
/// cannot do on demand: it refuses binds whose password is not `password` (ESME_RINVPASWD);
/// after a bind it sends `inbound` as deliver_sm (mobile-originated); it can leave
/// enquire_link unanswered (a dead link); it records every command it receives.
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
        /// The statuses of the deliver_sm_resp received.
        var deliverAnswers: [SMPPCommandStatus] { entries.withLock { $0.filter { $0.command == .deliverSMResp }.map(\.status) } }
    }

    init(password: String, inbound: [SMPPShortMessage] = [], answersEnquireLink: Bool = true) async throws {
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
                        password: password, inbound: inbound, answersEnquireLink: answersEnquireLink, log: log))
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
        let log: Log

        init(password: String, inbound: [SMPPShortMessage], answersEnquireLink: Bool, log: Log) {
            self.password = password
            self.inbound = inbound
            self.answersEnquireLink = answersEnquireLink
            self.log = log
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
                let answer = SMPPPDU(command: .submitSMResp, sequenceNumber: pdu.sequenceNumber, body: .messageID("fake-\(pdu.sequenceNumber)"))
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            case let command where command.isResponse:
                break
            default:
                context.writeAndFlush(wrapOutboundOut(SMPPPDU(command: pdu.command.response, sequenceNumber: pdu.sequenceNumber)), promise: nil)
            }
        }
    }
}
