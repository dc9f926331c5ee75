import NIOCore

/// The last handler of an SMPP connection's pipeline: hands frames to the ``SMPPConnection``
/// and tells it when the connection ends. A stream that cannot be framed (an absurd
/// command_length) closes the connection.
final class SMPPChannelHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = SMPPFrame

    private let connection: SMPPConnection

    init(connection: SMPPConnection) {
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.received(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        connection.readComplete()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed(reason: "the SMSC closed the connection")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? SMPPDecodingError {
            // Answer once, then drop the stream: it cannot be re-synchronised.
            context.writeAndFlush(NIOAny(SMPPPDU(command: .genericNack, status: error.status, sequenceNumber: 0)), promise: nil)
        }
        connection.closed(reason: "\(error)")
        context.close(promise: nil)
    }
}
