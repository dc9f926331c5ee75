import LoaStore
import PostgresNIO
import Synchronization

/// Lends a pooled connection to one operation, waiting a bounded time for it.
///
/// While the database is away, postgres-nio's pool keeps a request for a connection queued as
/// long as it goes on trying to connect (a minute, until its circuit breaker trips); an API
/// client would wait that long and then get a 500. Here the wait for a connection ends after
/// ``limit`` (`connect_timeout` in the URL): the request leaves the pool's queue and the
/// operation fails with ``StoreUnavailableError`` before any of it ran. A failure to lend a
/// connection at all (the pool's circuit breaker, a pool shut down) is the same error. Once the
/// operation has its connection it runs to its end: it is never cut off halfway.
struct ConnectionWait: Sendable {
    let client: PostgresClient
    /// How long an operation waits for a connection.
    let limit: Duration

    /// Runs `body` on a connection of the pool, or throws ``StoreUnavailableError`` when none
    /// is lent within ``limit``.
    func run<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let lease = LeaseState()
        do {
            return try await withoutActuallyEscaping(body) { body in
                let work = Work(body: body)
                return try await withThrowingTaskGroup(of: T?.self) { group in
                    let client = client, limit = limit
                    group.addTask {
                        try await client.withConnection { connection in
                            // The wait may have run out just as the connection came.
                            guard lease.begin() else { throw CancellationError() }
                            return try await work.body(connection)
                        }
                    }
                    group.addTask {
                        // Cancelled when the work is done or the caller is cancelled: nothing to bound then.
                        guard (try? await Task.sleep(for: limit)) != nil else { return nil }
                        if lease.expire() { throw StoreUnavailableError(reason: "postgres: no connection within \(limit)") }
                        return nil
                    }
                    while let result = try await group.next() {
                        if let value = result {
                            group.cancelAll()
                            return value
                        }
                    }
                    throw CancellationError()
                }
            }
        } catch let error as StoreUnavailableError {
            throw error
        } catch where !lease.began {
            // Never got a connection: the pool could not connect, or shut down.
            if Task.isCancelled { throw error }
            throw StoreUnavailableError(reason: "postgres: no connection (\(error))")
        }
    }

    /// The operation's body, carried into the child task that holds the connection; the task
    /// group ends before `run` returns, so it never outlives the call.
    private struct Work<T>: @unchecked Sendable {
        let body: (PostgresConnection) async throws -> T
    }

    /// Whether the operation got its connection before the wait ran out; whichever comes first wins.
    private final class LeaseState: Sendable {
        private enum Phase { case waiting, working, expired }
        private let phase = Mutex(Phase.waiting)

        /// The connection came: true when the wait had not run out.
        func begin() -> Bool {
            phase.withLock { phase in
                guard phase == .waiting else { return false }
                phase = .working
                return true
            }
        }

        /// The wait ran out: true when no connection had come.
        func expire() -> Bool {
            phase.withLock { phase in
                guard phase == .waiting else { return false }
                phase = .expired
                return true
            }
        }

        /// Whether the operation got its connection.
        var began: Bool { phase.withLock { $0 == .working } }
    }
}
