public import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Hummingbird application on 127.0.0.1 at a free port, for the HTTP providers' stand-ins and
/// Loa's receipt endpoint in tests; ``stop()`` ends it.
public final class StandInServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stopping while a connection is open is the normal end of a test, not worth a log line.
    private static let quiet = {
        var logger = Logger(label: "stand-in")
        logger.logLevel = .critical
        return logger
    }()

    /// Starts `router` and returns once it listens.
    public static func start(_ router: Router<BasicRequestContext>) async throws -> StandInServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw CancellationError()
        }
        return StandInServer(port: port, task: task)
    }

    /// Stops the server (graceful: requests in progress finish first).
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Requests a stand-in holds without answering until it is released (a provider that hangs),
/// far longer than any timeout under test.
final class Hangs: Sendable {
    private let released = Mutex<(done: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until ``releaseAll()``.
    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = released.withLock { state in
                if state.done { return true }
                state.waiting.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    /// Lets every held request (and any later one) go.
    func releaseAll() {
        let waiting = released.withLock { state in
            state.done = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// Callbacks a stand-in sends after answering, awaited before it stops: a connection opened to
/// a server that is shutting down would fail the test run, not the test.
final class BackgroundCallbacks: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    /// Runs `operation` after the current request is answered.
    func run(_ operation: @escaping @Sendable () async -> Void) {
        let task = Task { await operation() }
        tasks.withLock { $0.append(task) }
    }

    /// Waits until every callback started so far has been sent.
    func finish() async {
        for task in tasks.withLock({ $0 }) { await task.value }
    }
}
