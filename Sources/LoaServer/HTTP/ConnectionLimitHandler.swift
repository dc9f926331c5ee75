import NIOCore
import NIOHTTPTypes

/// Per-connection limits that Hummingbird's idle timeout cannot give, as its timer restarts only
/// on complete HTTP parts:
/// - a connection from an address that already holds `server.maxConnectionsPerAddress` open
///   ones is closed at once, unanswered (``ConnectionsPerAddress``);
/// - a connection whose first request head is not complete within `server.headerTimeout` of
///   opening is closed (a client trickling its headers holds a slot for that long, not for
///   `server.idleTimeout`). Later requests on a kept-alive connection have the idle timeout.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// nil when connections per address are not limited.
    private let connections: ConnectionsPerAddress?
    private let headerTimeout: TimeAmount
    private var started = false
    /// The address this connection is counted under, until it closes.
    private var countedAddress: String?
    private var headerDeadline: Scheduled<Void>?

    init(connections: ConnectionsPerAddress?, headerTimeout: TimeAmount) {
        self.connections = connections
        self.headerTimeout = headerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        start(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            headerDeadline?.cancel()
            headerDeadline = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        if let connections, let address = context.channel.remoteAddress?.ipAddress {
            guard connections.admit(address) else {
                context.close(promise: nil)
                return
            }
            countedAddress = address
        }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        headerDeadline = context.eventLoop.scheduleTask(in: headerTimeout) {
            loopBound.value.close(promise: nil)
        }
    }

    private func stop() {
        headerDeadline?.cancel()
        headerDeadline = nil
        if let countedAddress { connections?.release(countedAddress) }
        countedAddress = nil
    }
}
