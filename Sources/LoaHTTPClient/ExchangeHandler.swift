import NIOCore
import NIOHTTP1

/// A request on its way down the pipeline, with the promise its answer completes.
struct PendingExchange: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer?
    let reply: EventLoopPromise<HTTPReply>
    let deadline: NIODeadline
}

/// Sends one request at a time on its connection and collects the answer: the answer's promise
/// fails if the deadline passes, the body grows past its limit or the connection closes first.
/// After a failure the connection is closed, never reused.
final class ExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = PendingExchange
    typealias OutboundOut = HTTPClientRequestPart

    private let maxBodyBytes: Int
    private var current: (reply: EventLoopPromise<HTTPReply>, timeout: Scheduled<Void>)?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard current == nil else {
            // The pool hands a connection to one request at a time; a second one is a bug.
            exchange.reply.fail(HTTPClientFailure.connectionClosed)
            promise?.fail(HTTPClientFailure.connectionClosed)
            return
        }
        // Sending after the deadline would let a request through that its caller has given up on.
        guard exchange.deadline > .now() else {
            exchange.reply.fail(HTTPClientFailure.timedOut)
            promise?.succeed()
            return
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: exchange.deadline) { [weak self, context] in
            guard let self else { return }
            self.fail(HTTPClientFailure.timedOut, context: context)
        }
        current = (exchange.reply, timeout)
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // An answer nobody asked for (a server's 408 on an idle connection, say) must not be
        // taken for the next request's.
        guard current != nil else {
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
        case .body(var part):
            guard (body?.readableBytes ?? 0) + part.readableBytes <= maxBodyBytes else {
                fail(HTTPClientFailure.bodyTooLarge(limit: maxBodyBytes), context: context)
                return
            }
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            guard let responseHead = head, let exchange = current else { return }
            let reply = HTTPReply(
                status: Int(responseHead.status.code), headers: responseHead.headers,
                body: body ?? ByteBuffer(), keepAlive: responseHead.isKeepAlive)
            current = nil
            head = nil
            body = nil
            exchange.timeout.cancel()
            exchange.reply.succeed(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HTTPClientFailure.connectionClosed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(HTTPClientFailure.connectionFailed("\(error)"), context: context)
    }

    /// Fails the request in progress, if any, and closes the connection.
    private func fail(_ failure: HTTPClientFailure, context: ChannelHandlerContext) {
        if let exchange = current {
            current = nil
            exchange.timeout.cancel()
            exchange.reply.fail(failure)
        }
        context.close(promise: nil)
    }
}
