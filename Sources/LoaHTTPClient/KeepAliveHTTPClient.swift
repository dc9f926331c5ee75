import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 client for one origin that keeps its connections open between requests, one
/// request at a time on each, at most `maxConnections` of them; a request beyond that waits
/// for a connection to come free.
///
/// It does what Loa's provider adapters and test peers need and nothing more: plain HTTP (no
/// TLS, redirects or proxies), whole answers up to a size limit, and one deadline per request
/// that covers waiting, connecting, sending and the answer. Against a general-purpose client
/// it saves most of the per-request work, which counts at thousands of submissions a second.
///
/// ```swift
/// let client = KeepAliveHTTPClient(origin: try HTTPOrigin("http://127.0.0.1:13013"))
/// let reply = try await client.execute(HTTPRequest(target: "/cgi-bin/sendsms?..."), timeout: .seconds(10))
/// ```
public final class KeepAliveHTTPClient: Sendable {
    public let origin: HTTPOrigin
    private let maxConnections: Int
    private let maxBodyBytes: Int
    private let group: any EventLoopGroup
    private let pool = Mutex(Pool())
    private let hostHeader: String

    /// Creates a client; it opens connections only when requests need them.
    public init(origin: HTTPOrigin, maxConnections: Int = 512, maxBodyBytes: Int = 1 << 20) {
        precondition(maxConnections > 0, "a client needs at least one connection")
        self.origin = origin
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
        group = MultiThreadedEventLoopGroup.singleton
        hostHeader = origin.port == 80 ? origin.host : "\(origin.host):\(origin.port)"
    }

    /// Sends `request` and returns the whole answer, whatever its status.
    ///
    /// Throws ``HTTPClientFailure`` when there is no whole answer before `timeout`, and
    /// `CancellationError` when the calling task is cancelled (the connection is then closed).
    public func execute(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPReply {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let connection = try await checkOut(deadline: deadline)
        let reply: HTTPReply
        do {
            reply = try await connection.exchange(head(of: request), body: request.body, deadline: deadline)
        } catch {
            checkIn(connection, reusable: false)
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
        checkIn(connection, reusable: reply.keepAlive)
        return reply
    }

    /// Closes the idle connections (those in use close when their request ends).
    public func closeIdleConnections() {
        let idle = pool.withLock { pool in
            defer { pool.open -= pool.idle.count; pool.idle.removeAll() }
            return pool.idle
        }
        for connection in idle { connection.close() }
    }

    private func head(of request: HTTPRequest) -> HTTPRequestHead {
        var headers = request.headers
        headers.replaceOrAdd(name: "Host", value: hostHeader)
        if !headers.contains(name: "User-Agent") { headers.add(name: "User-Agent", value: "Loa") }
        if let body = request.body { headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
        return HTTPRequestHead(version: .http1_1, method: request.method, uri: request.target, headers: headers)
    }

    // MARK: - The pool

    /// Connections open (idle or in use), idle ones, and requests waiting for one.
    private struct Pool {
        var open = 0
        var idle: [Connection] = []
        var waiters: [Waiter] = []
        var nextWaiter = 0

        /// An idle connection, or the right to open one (counted as open), or nil when every
        /// connection is busy.
        mutating func lease(maxConnections: Int) -> Lease? {
            if let connection = takeIdle() { return .idle(connection) }
            guard open < maxConnections else { return nil }
            open += 1
            return .open
        }

        /// An idle connection that is still open, dropping those the server closed meanwhile.
        mutating func takeIdle() -> Connection? {
            while let connection = idle.popLast() {
                if connection.isActive { return connection }
                open -= 1
            }
            return nil
        }
    }

    /// A request waiting for a connection: it gets one, or nil with the right to open one.
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Connection?, any Error>
    }

    private enum Lease {
        case idle(Connection)
        case open
        case wait(id: Int)
    }

    private func checkOut(deadline: NIODeadline) async throws -> Connection {
        // Without suspending when a connection is free or may be opened (the usual case).
        switch pool.withLock({ $0.lease(maxConnections: maxConnections) }) {
        case .idle(let connection)?: return connection
        case .open?: return try await connectInSlot(deadline: deadline)
        case .wait?, nil: break
        }
        let id = pool.withLock { pool in
            pool.nextWaiter += 1
            return pool.nextWaiter
        }
        let granted: Connection? = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let lease = pool.withLock { pool -> Lease in
                    if let lease = pool.lease(maxConnections: maxConnections) { return lease }
                    pool.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait(id: id)
                }
                switch lease {
                case .idle(let connection): continuation.resume(returning: connection)
                case .open: continuation.resume(returning: nil)
                case .wait:
                    group.next().scheduleTask(deadline: deadline) { [self] in
                        self.removeWaiter(id)?.continuation.resume(throwing: HTTPClientFailure.timedOut)
                    }
                    // Cancelled before the waiter was listed: the handler found nothing to remove.
                    if Task.isCancelled { removeWaiter(id)?.continuation.resume(throwing: CancellationError()) }
                }
            }
        } onCancel: {
            removeWaiter(id)?.continuation.resume(throwing: CancellationError())
        }
        if let granted { return granted }
        return try await connectInSlot(deadline: deadline)
    }

    /// Opens a connection in a slot already counted as open; gives the slot up if it fails.
    private func connectInSlot(deadline: NIODeadline) async throws -> Connection {
        do {
            return try await connect(deadline: deadline)
        } catch {
            handOver(nil)
            throw error
        }
    }

    /// Takes a waiting request off the list, if it is still there, to resume it.
    private func removeWaiter(_ id: Int) -> Waiter? {
        pool.withLock { pool in
            pool.waiters.firstIndex { $0.id == id }.map { pool.waiters.remove(at: $0) }
        }
    }

    /// Returns a connection after its request: kept for the next one if it may be reused,
    /// closed otherwise.
    private func checkIn(_ connection: Connection, reusable: Bool) {
        if reusable, connection.isActive {
            handOver(connection)
        } else {
            connection.close()
            handOver(nil)
        }
    }

    /// Gives `connection` (or, for nil, the right to open one) to the longest waiting request,
    /// or keeps it idle (or gives the slot up) when nobody waits.
    private func handOver(_ connection: Connection?) {
        let waiter = pool.withLock { pool -> Waiter? in
            if !pool.waiters.isEmpty { return pool.waiters.removeFirst() }
            if let connection { pool.idle.append(connection) } else { pool.open -= 1 }
            return nil
        }
        waiter?.continuation.resume(returning: connection)
    }

    private func connect(deadline: NIODeadline) async throws -> Connection {
        let remaining = deadline - NIODeadline.now()
        guard remaining > .zero else { throw HTTPClientFailure.timedOut }
        let maxBodyBytes = maxBodyBytes
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(remaining)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ExchangeHandler(maxBodyBytes: maxBodyBytes))
                    }
                }
                .connect(host: origin.host, port: origin.port).get()
            return Connection(channel: channel)
        } catch {
            throw HTTPClientFailure.connectFailed("\(origin): \(error)")
        }
    }
}

/// One open connection of the pool.
private struct Connection: Sendable {
    let channel: any Channel

    var isActive: Bool { channel.isActive }

    func close() { channel.close(promise: nil) }

    /// Sends one request and waits for its whole answer; cancelling the task closes the connection.
    func exchange(_ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline) async throws -> HTTPReply {
        // A cancelled caller sends nothing (it could not learn the answer).
        try Task.checkCancellation()
        let reply = channel.eventLoop.makePromise(of: HTTPReply.self)
        let written = channel.eventLoop.makePromise(of: Void.self)
        // A write that never reaches the handler (the channel closed meanwhile) fails the answer too.
        written.futureResult.whenFailure { reply.fail(HTTPClientFailure.connectionFailed("\($0)")) }
        channel.writeAndFlush(PendingExchange(head: head, body: body, reply: reply, deadline: deadline), promise: written)
        return try await withTaskCancellationHandler {
            try await reply.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
