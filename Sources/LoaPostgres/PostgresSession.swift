import LoaStore
import Logging
import PostgresNIO
import Synchronization

/// A pooled connection lent to one operation, whose statements end when the connection closes.
///
/// postgres-nio 1.33 can lose a statement written to a connection the server has just closed
/// (the connection's handlers are gone, the write goes nowhere, the answer never comes); an
/// operation awaiting it would wait for ever, and a dispatcher's claim with it. Seen when
/// PostgreSQL stops under load (`PostgresInFlightStopTests`). Here each statement runs in a task
/// of its own, and the caller stops waiting the moment the connection closes: it gets
/// ``StoreUnavailableError``, as for any connection lost in the middle of an operation (the
/// server rolls back what was not committed).
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    /// Whether the connection has closed, and the statements waiting on it.
    let life: ConnectionLife

    /// A session on a connection of its own (not pooled), whose statements end when it closes.
    init(watching connection: PostgresConnection) {
        let life = ConnectionLife()
        connection.closeFuture.whenComplete { _ in life.closed() }
        self.init(connection: connection, life: life)
    }

    init(connection: PostgresConnection, life: ConnectionLife) {
        self.connection = connection
        self.life = life
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        let answer = OneShot<[PostgresRandomAccessRow]>()
        guard life.watch(answer) else { throw ConnectionLife.closedError }
        defer { life.unwatch(answer) }
        let connection = connection
        let statement = Task {
            do {
                let rows = try await connection.query(query, logger: logger).collect()
                answer.resolve(.success(rows.map(PostgresRandomAccessRow.init)))
            } catch {
                answer.resolve(.failure(error))
            }
        }
        return try await withTaskCancellationHandler {
            try await answer.value()
        } onCancel: {
            statement.cancel()
        }
    }

    /// Runs a statement and returns its rows (a name for call sites that read them).
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger)
    }

    /// Runs a statement that returns one row per row it changed (`RETURNING 1`); returns how many.
    func changed(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        try await rows(query, logger: logger).count
    }

    /// The first column of the first row, if any.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type, logger: Logger) async throws -> T? {
        guard let row = try await rows(query, logger: logger).first else { return nil }
        return try row[0].decode(T.self)
    }
}

/// One pooled connection's life: open until its close future fires, which fails every
/// statement still waiting on it.
final class ConnectionLife: Sendable {
    static let closedError = StoreUnavailableError(reason: "postgres: the connection closed under a statement")

    private struct State {
        var closed = false
        var waiting: [ObjectIdentifier: OneShot<[PostgresRandomAccessRow]>] = [:]
    }

    private let state = Mutex(State())

    /// Registers a statement's answer to be failed if the connection closes; false when it has closed already.
    func watch(_ answer: OneShot<[PostgresRandomAccessRow]>) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.waiting[ObjectIdentifier(answer)] = answer
            return true
        }
    }

    func unwatch(_ answer: OneShot<[PostgresRandomAccessRow]>) {
        _ = state.withLock { $0.waiting.removeValue(forKey: ObjectIdentifier(answer)) }
    }

    /// The connection closed: every statement still waiting fails.
    func closed() {
        let waiting = state.withLock { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for answer in waiting { answer.resolve(.failure(Self.closedError)) }
    }
}

/// The lives of a pool's connections, each watched once (one callback on its close future,
/// not one per statement, which would pile up on a connection that lives for days).
final class ConnectionLives: Sendable {
    private let lives = Mutex<[PostgresConnection.ID: ConnectionLife]>([:])

    func life(of connection: PostgresConnection) -> ConnectionLife {
        let id = connection.id
        let (life, isNew) = lives.withLock { lives in
            if let life = lives[id] { return (life, false) }
            let life = ConnectionLife()
            lives[id] = life
            return (life, true)
        }
        if isNew {
            connection.closeFuture.whenComplete { [weak self] _ in
                _ = self?.lives.withLock { $0.removeValue(forKey: id) }
                life.closed()
            }
        }
        return life
    }
}
