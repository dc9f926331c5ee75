/// Group commit: items from callers that arrive while a commit is under way are gathered and
/// committed together in the next transaction, so many concurrent callers cost one disk sync
/// instead of one each. Each caller still gets exactly its own results, and only after the
/// transaction holding its items has committed.
///
/// If a shared commit throws ``isSharedFailure`` errors (the store cannot write at all), every
/// caller of the group gets the error; any other error is taken to come from one caller's
/// items, so each caller's items are committed alone and only the one at fault fails.
///
/// ```swift
/// let receipts = GroupCommitter<DeliveryReceipt, ReceiptOutcome> { try await outbox.record($0) }
/// let applied = try await receipts.commit([receipt])   // shares a transaction with its neighbours
/// ```
public actor GroupCommitter<Item: Sendable, Result: Sendable> {
    /// Commits items in one transaction and returns one result per item, in order.
    public typealias Commit = @Sendable ([Item]) async throws -> [Result]

    let maxItemsPerCommit: Int
    let isSharedFailure: @Sendable (any Error) -> Bool
    private let commitItems: Commit
    private var waiting: [Caller] = []
    private var committing = false

    private struct Caller {
        let items: [Item]
        let continuation: CheckedContinuation<[Result], any Error>
    }

    /// Creates a committer; a caller's items are never split across transactions, so a
    /// transaction holds more than `maxItemsPerCommit` only when one caller brings more.
    public init(
        maxItemsPerCommit: Int = 5000, isSharedFailure: @escaping @Sendable (any Error) -> Bool,
        commit: @escaping Commit
    ) {
        self.maxItemsPerCommit = maxItemsPerCommit
        self.isSharedFailure = isSharedFailure
        commitItems = commit
    }

    /// Commits `items` (in a transaction shared with other callers) and returns their results.
    /// Throws what the commit threw; then none of these items was committed.
    public func commit(_ items: [Item]) async throws -> [Result] {
        guard !items.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Caller(items: items, continuation: continuation))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    /// Commits groups of waiting callers until none is left.
    private func commitWaiting() async {
        while !waiting.isEmpty {
            var taken = 0
            var count = 0
            while taken < waiting.count, taken == 0 || count + waiting[taken].items.count <= maxItemsPerCommit {
                count += waiting[taken].items.count
                taken += 1
            }
            let group = Array(waiting.prefix(taken))
            waiting.removeFirst(taken)
            do {
                let results = try await commitItems(group.flatMap(\.items))
                var offset = 0
                for caller in group {
                    caller.continuation.resume(returning: Array(results[offset..<(offset + caller.items.count)]))
                    offset += caller.items.count
                }
            } catch where isSharedFailure(error) {
                for caller in group { caller.continuation.resume(throwing: error) }
            } catch {
                for caller in group {
                    do {
                        caller.continuation.resume(returning: try await commitItems(caller.items))
                    } catch {
                        caller.continuation.resume(throwing: error)
                    }
                }
            }
        }
        committing = false
    }
}
