import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers `431 Request Header Fields Too Large` (with the API's JSON error) and closes the
/// connection when a request's URL and header fields exceed `server.maxHeaderBytes` (NIO's
/// decoder counts both) or 100 fields, where Hummingbird
/// would answer a bare `400`. Sits after the HTTP codec; the decoder reports the overflow as
/// ``HTTPParserError/headerOverflow``. While an earlier request on the connection is still being
/// answered, the error is passed on and Hummingbird closes the connection after that answer.
final class HeaderTooLargeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let maxHeaderBytes: Int
    /// Request heads read whose answer has not ended yet.
    private var unanswered = 0

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let body = ByteBuffer(string: #"{"error":{"code":"headers_too_large","field":null,"message":"the request line and header fields are larger than \#(maxHeaderBytes) bytes (server.maxHeaderBytes) or more than 100 fields; send a shorter URL and fewer or shorter headers"}}"#)
        let head = HTTPResponse(status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"), headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(promise: nil)
        }
    }
}
