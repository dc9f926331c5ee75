#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1

/// Serves one connection: reads each request whole, asks the ``FakeKannel`` what to do, and does it.
final class SendSMSHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let kannel: FakeKannel
    private var head: HTTPRequestHead?

    init(kannel: FakeKannel) {
        self.kannel = kannel
    }

    func channelActive(context: ChannelHandlerContext) {
        kannel.connectionOpened()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            switch kannel.answer(uri: head.uri) {
            case .respond(let status, let body, let headers):
                respond(context: context, keepAlive: head.isKeepAlive, status: status, body: body, headers: headers)
            case .reportThenRespond(let url, let status, let body):
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let keepAlive = head.isKeepAlive
                Task { [kannel] in
                    await kannel.report(url)
                    loopBound.eventLoop.execute {
                        let (handler, context) = loopBound.value
                        handler.respond(context: context, keepAlive: keepAlive, status: status, body: body, headers: [])
                    }
                }
            case .hang(let duration):
                let channel = context.channel
                channel.eventLoop.scheduleTask(in: TimeAmount(duration)) {
                    channel.close(promise: nil)
                }
            case .reset:
                let channel = context.channel
                (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                    .whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }

    private func respond(context: ChannelHandlerContext, keepAlive: Bool, status: HTTPResponseStatus, body: String, headers extra: [(String, String)]) {
        var headers = HTTPHeaders([("Content-Type", "text/html"), ("Content-Length", String(body.utf8.count))])
        headers.add(contentsOf: extra)
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
