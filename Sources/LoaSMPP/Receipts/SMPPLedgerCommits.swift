import GRDB
import Synchronization

/// Group commit for the part ledger: writes that callers ask for while a transaction is under
/// way wait and then run together in the next one, so a burst of parts and receipts costs a few
/// transactions instead of one each. Each caller gets its own result only once the transaction
/// holding its write has committed; if a shared transaction fails, each write is retried alone
/// so that only the one at fault fails.
///
/// ```swift
/// let commits = SMPPLedgerCommits(database: queue)
/// let count = try await commits.write { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM parts") ?? 0 }
/// ```
final class SMPPLedgerCommits: Sendable {
    /// Runs one caller's write inside a transaction and returns how to hand its result over
    /// once that transaction has committed.
    private typealias Work = @Sendable (Database) throws -> @Sendable () -> Void

    private struct Job {
        let work: Work
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var waiting: [Job] = []
        var committing = false
    }

    /// At most this many writes share a transaction.
    static let maxWritesPerTransaction = 1_000

    private let database: DatabaseQueue
    private let state = Mutex(State())

    init(database: DatabaseQueue) {
        self.database = database
    }

    /// Runs `write` in a transaction shared with other callers' and returns its value once
    /// committed. Throws what the write (or the commit) threw; then nothing of it was written.
    func write<Value: Sendable>(_ write: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            let job = Job(
                work: { db in
                    let value = try write(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) })
            let starts = state.withLock { state -> Bool in
                state.waiting.append(job)
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            if starts {
                Task { await self.commitWaiting() }
            }
        }
    }

    /// Commits groups of waiting writes until none is left.
    private func commitWaiting() async {
        while true {
            let group = state.withLock { state -> [Job] in
                let taken = Array(state.waiting.prefix(Self.maxWritesPerTransaction))
                state.waiting.removeFirst(taken.count)
                if taken.isEmpty { state.committing = false }
                return taken
            }
            guard !group.isEmpty else { return }
            do {
                let handOvers = try await database.write { db in try group.map { try $0.work(db) } }
                handOvers.forEach { $0() }
            } catch where group.count == 1 {
                group[0].fail(error)
            } catch {
                // Nothing of the group was written: each write alone, so one bad write fails alone.
                for job in group {
                    do {
                        let handOver = try await database.write { db in try job.work(db) }
                        handOver()
                    } catch {
                        job.fail(error)
                    }
                }
            }
        }
    }
}
