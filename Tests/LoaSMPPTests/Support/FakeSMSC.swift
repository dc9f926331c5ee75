import LoaSMPP
import NIOCore
import NIOPosix

/// A minimal SMSC in Swift that speaks real SMPP over loopback, for what the smpp34 simulator
/// cannot do on demand: it refuses binds whose password is not `password` (ESME_RINVPASWD).
final class FakeSMSC: Sendable {
    let port: Int
    private let channel: any Channel

    init(password: String) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder(maxLength: 4096)))
                    try child.pipeline.syncOperations.addHandler(MessageToByteHandler(SMPPPDUEncoder()))
                    try child.pipeline.syncOperations.addHandler(BindChecker(password: password))
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

        init(password: String) { self.password = password }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case let .pdu(pdu) = unwrapInboundIn(data) else { return }
            switch pdu.body {
            case let .bind(bind):
                let status: SMPPCommandStatus = bind.password == password ? .ok : .invalidPassword
                let answer = SMPPPDU(command: pdu.command.response, status: status, sequenceNumber: pdu.sequenceNumber,
                                     body: status == .ok ? .bindResponse(systemID: "FakeSMSC") : .empty)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            default:
                let answer = SMPPPDU(command: pdu.command.isResponse ? .genericNack : pdu.command.response, sequenceNumber: pdu.sequenceNumber)
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            }
        }
    }
}
