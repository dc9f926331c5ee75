import LoaSMPP
import NIOCore
import NIOPosix
import Synchronization

/// A minimal SMSC in Swift that speaks real SMPP over loopback, for what the smpp34 simulator
/// cannot do on demand: it refuses binds whose password is not `password` (ESME_RINVPASWD), and
/// after a bind it sends `inbound` as deliver_sm (mobile-originated), keeping the answers.
final class FakeSMSC: Sendable {
    let port: Int
    private let channel: any Channel
    /// The deliver_sm_resp statuses received, in order.
    let answers = Answers()

    final class Answers: Sendable {
        private let statuses = Mutex<[SMPPCommandStatus]>([])
        func append(_ status: SMPPCommandStatus) { statuses.withLock { $0.append(status) } }
        var all: [SMPPCommandStatus] { statuses.withLock { $0 } }
    }

    init(password: String, inbound: [SMPPShortMessage] = []) async throws {
        let answers = answers
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder(maxLength: 4096)))
                    try child.pipeline.syncOperations.addHandler(MessageToByteHandler(SMPPPDUEncoder()))
                    try child.pipeline.syncOperations.addHandler(BindChecker(password: password, inbound: inbound, answers: answers))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func stop() async throws {
        try await channel.close()
    }

    private final class BindChecker: ChannelInboundHandler, Sendable {
        typealias InboundIn = SMPPFrame
        typealias OutboundOut = SMPPPDU
        let password: String
        let inbound: [SMPPShortMessage]
        let answers: Answers

        init(password: String, inbound: [SMPPShortMessage], answers: Answers) {
            self.password = password
            self.inbound = inbound
            self.answers = answers
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case let .pdu(pdu) = unwrapInboundIn(data) else { return }
            switch pdu.body {
            case let .bind(bind):
                let status: SMPPCommandStatus = bind.password == password ? .ok : .invalidPassword
                let answer = SMPPPDU(command: pdu.command.response, status: status, sequenceNumber: pdu.sequenceNumber,
                                     body: status == .ok ? .bindResponse(systemID: "FakeSMSC") : .empty)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
                guard status == .ok else { return }
                for (index, message) in inbound.enumerated() {
                    let deliver = SMPPPDU(command: .deliverSM, sequenceNumber: UInt32(1000 + index), body: .shortMessage(message))
                    context.writeAndFlush(wrapOutboundOut(deliver), promise: nil)
                }
            case .messageID where pdu.command == .deliverSMResp, .empty where pdu.command == .deliverSMResp:
                answers.append(pdu.status)
            default:
                let answer = SMPPPDU(command: pdu.command.isResponse ? .genericNack : pdu.command.response, sequenceNumber: pdu.sequenceNumber)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            }
        }
    }
}
