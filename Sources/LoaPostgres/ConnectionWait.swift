import LoaStore
import PostgresNIO
import Synchronization

/// Lends a pooled connection to one operation, waiting a bounded time for it.
///
/// While the database is away, postgres-nio's pool keeps a request for a connection queued
/// until it is back, retrying with a growing backoff. Here the wait for a connection ends after
/// ``limit`` (`connect_timeout` in the URL) and the operation fails with
/// ``StoreUnavailableError`` before any of it ran; a failure to lend a connection at all (the
/// pool shut down) is the same error. Once the operation has its connection it runs to its end:
/// it is never cut off halfway (its statements end when the connection closes, see
/// ``PostgresSession``).
///
/// The connection is asked for by a task of its own, and the caller waits on a ``OneShot``
/// rather than on that task: when the limit passes, the caller has its error at once even if
/// the pool does not let go of the request (postgres-nio loses the cancellation of a request
/// cancelled just before it is queued, and that request then waits until the database is
/// back). A connection that comes after the caller gave up goes straight back to the pool, unused.
struct ConnectionWait: Sendable {
    let client: PostgresClient
    /// How long an operation waits for a connection.
    let limit: Duration
    /// Which connections have closed under their statements.
    let lives = ConnectionLives()

    /// Runs `body` on a connection of the pool, or throws ``StoreUnavailableError`` when none
    /// is lent within ``limit``.
    func run<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            let attempt = Attempt<T>(body: body)
            let client = client, limit = limit, lives = lives
            let leaser = Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await client.withConnection { connection in
                        // The caller may have given up just as the connection came.
                        guard let body = attempt.begin() else { throw CancellationError() }
                        return try await body.run(PostgresSession(connection: connection, life: lives.life(of: connection)))
                    })
                } catch {
                    result = .failure(error)
                }
                attempt.finish(result)
            }
            let timer = Task {
                // Cancelled once the caller has its outcome: nothing to bound then.
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                if attempt.giveUp(StoreUnavailableError(reason: "postgres: no connection within \(limit)")) { leaser.cancel() }
            }
            defer { timer.cancel() }
            return try await withTaskCancellationHandler {
                try await attempt.outcome.value()
            } onCancel: {
                // Before the connection came the caller stops waiting; after, the body sees the cancellation.
                attempt.giveUp(CancellationError())
                leaser.cancel()
            }
        }
    }
}

/// One operation on its way to a connection: the body waits here until the connection comes
/// (``begin()`` takes it) or the caller gives up (the body is dropped). Either way the body is
/// gone before the outcome is decided, so it never outlives ``ConnectionWait/run(_:)``.
private final class Attempt<T: Sendable>: Sendable {
    /// The operation's body, carried into the task that holds the connection.
    struct Body: @unchecked Sendable {
        let run: (PostgresSession) async throws -> T
    }

    private let body: Mutex<Body?>
    let outcome = OneShot<T>()

    init(body: @escaping (PostgresSession) async throws -> T) {
        self.body = Mutex(Body(run: body))
    }

    /// The connection came: the body to run on it, or nil when the caller has given up.
    func begin() -> Body? { takeBody() }

    /// The leasing task ended, with the body's outcome or, when no connection came, the pool's error.
    func finish(_ result: Result<T, any Error>) {
        if takeBody() != nil, case .failure(let error) = result {
            outcome.resolve(.failure(StoreUnavailableError(reason: "postgres: no connection (\(error))")))
        } else {
            outcome.resolve(result)
        }
    }

    /// The caller stops waiting with `error`, unless the body already runs; true when it stopped.
    @discardableResult
    func giveUp(_ error: any Error) -> Bool {
        guard takeBody() != nil else { return false }
        return outcome.resolve(.failure(error))
    }

    private func takeBody() -> Body? {
        body.withLock { body in
            defer { body = nil }
            return body
        }
    }
}
