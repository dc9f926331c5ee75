import Foundation
import LoaServer
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A gateway's real HTTP server on a loopback port (its worker left out), for tests that need
/// what a client sees on the wire: connection limits, idle closes, TLS.
enum LoopbackServer {
    /// Serves `gateway` on the port its configuration names (0 picks one) while `body` runs.
    static func serving<T: Sendable>(_ gateway: Gateway, _ body: @Sendable (Int) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = gateway.application(runsWorker: false) { port in portContinuation.yield(port) }
        var logger = Logger(label: "loa-test-server")
        logger.logLevel = .warning
        let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw LoopbackError.serverDidNotStart }
            do {
                let value = try await body(port)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Runs `operation`, failing with ``LoopbackError/timedOut`` if it has not finished after
    /// `seconds`: a safety net for tests that wait for an event, never the thing tested.
    static func within<T: Sendable>(_ seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw LoopbackError.timedOut(what)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw LoopbackError.timedOut(what) }
            return first
        }
    }
}

enum LoopbackError: Error {
    case serverDidNotStart
    case timedOut(String)
}

/// A plain TCP connection that writes raw bytes and records what comes back, and when the
/// server closes the connection.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let collector: ByteCollector

    private init(channel: any Channel, collector: ByteCollector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `127.0.0.1:port` (the TCP handshake completes even while the server is not
    /// accepting: the kernel queues the connection).
    static func open(port: Int) async throws -> RawConnection {
        let collector = ByteCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector.handler()) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, collector: collector)
    }

    /// Everything received so far, as text.
    var text: String { collector.bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    /// Whether the server has closed the connection.
    var isClosed: Bool { collector.closed.withLock { $0 } }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Sends a GET for `path` on this keep-alive connection.
    func get(_ path: String, headers: [String: String] = [:]) async throws {
        let lines = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        try await send("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\(lines)\r\n")
    }

    /// Waits until `condition` holds for what was received, or the connection closes.
    func wait(until condition: (String, Bool) -> Bool) async {
        for await _ in collector.events {
            if condition(text, isClosed) { return }
        }
    }

    /// Waits until the server has closed the connection.
    func waitForClose() async {
        await wait { _, closed in closed }
    }

    /// Waits until `count` complete answers to `/health` have arrived.
    func waitForHealthAnswers(_ count: Int) async {
        await wait { text, closed in closed || text.components(separatedBy: #"{"status":"ok"}"#).count > count }
    }

    func close() async {
        try? await channel.close()
    }
}

/// Feeds a ``RawConnection``: bytes into a buffer, and an event on every read and at the close.
final class ByteCollector: Sendable {
    let bytes = Mutex<[UInt8]>([])
    let closed = Mutex(false)
    let events: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (events, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        continuation.yield()
    }

    func handler() -> Handler { Handler(collector: self) }

    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let collector: ByteCollector

        init(collector: ByteCollector) { self.collector = collector }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            collector.bytes.withLock { $0.append(contentsOf: buffer.readableBytesView) }
            collector.continuation.yield()
        }

        func channelInactive(context: ChannelHandlerContext) {
            collector.closed.withLock { $0 = true }
            collector.continuation.yield()
            collector.continuation.finish()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

extension RawConnection {
    /// Opens a connection and waits (a 60 s safety net) until its `GET /health` is answered:
    /// a connection the server has taken and serves.
    static func openServed(port: Int, _ what: String) async throws -> RawConnection {
        let connection = try await open(port: port)
        try await connection.get("/health")
        try await LoopbackServer.within(60, what) { await connection.waitForHealthAnswers(1) }
        return connection
    }
}
