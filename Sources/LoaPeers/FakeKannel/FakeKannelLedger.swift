import Synchronization

/// What a ``FakeKannel`` has seen, safe to read while it runs.
final class FakeKannelLedger: Sendable {
    private let state = Mutex(State())

    struct State {
        var acceptedAt: [String: ContinuousClock.Instant] = [:]
        var taken: [FakeKannelMessage] = []
        var acceptCounts: [String: Int] = [:]
        var acceptedTotal = 0
        var duplicates = 0
        var lastReceiptPostedAt: ContinuousClock.Instant?
        var faults: [String: Int] = [:]
        var rejected = 0
        var receiptsPosted = 0
        var receiptsAbandoned = 0
        var connections = 0
    }

    func accepted(messageId: String?, to: String, text: String, at instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.acceptedTotal += 1
            state.taken.append(FakeKannelMessage(to: to, text: text))
            guard let messageId else { return }
            state.acceptCounts[messageId, default: 0] += 1
            if state.acceptCounts[messageId] != 1 { state.duplicates += 1 }
            if state.acceptedAt[messageId] == nil { state.acceptedAt[messageId] = instant }
        }
    }

    func fault(_ fault: Fault) { state.withLock { $0.faults[fault.description, default: 0] += 1 } }
    func rejected() { state.withLock { $0.rejected += 1 } }
    func receiptPosted(at instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.receiptsPosted += 1
            state.lastReceiptPostedAt = instant
        }
    }
    func receiptAbandoned() { state.withLock { $0.receiptsAbandoned += 1 } }
    func connectionOpened() { state.withLock { $0.connections += 1 } }

    var statistics: FakeKannelStatistics {
        state.withLock { state in
            FakeKannelStatistics(
                accepted: state.acceptedTotal,
                distinctMessages: state.acceptCounts.count,
                duplicates: state.duplicates,
                faults: state.faults, rejected: state.rejected,
                receiptsPosted: state.receiptsPosted, receiptsAbandoned: state.receiptsAbandoned,
                connections: state.connections)
        }
    }

    var acceptanceTimes: [String: ContinuousClock.Instant] { state.withLock { $0.acceptedAt } }
    var takenMessages: [FakeKannelMessage] { state.withLock { $0.taken } }
    var acceptanceCounts: [String: Int] { state.withLock { $0.acceptCounts } }
    var lastReceiptPostedAt: ContinuousClock.Instant? { state.withLock { $0.lastReceiptPostedAt } }
}

/// Counts a ``FakeKannel`` keeps.
public struct FakeKannelStatistics: Sendable, CustomStringConvertible {
    /// Submissions accepted (`202`), duplicates included.
    public let accepted: Int
    /// Distinct message ids (from the `dlr-url`) accepted at least once.
    public let distinctMessages: Int
    /// Acceptances of a message id beyond its first.
    public let duplicates: Int
    /// Faults injected, by kind (`503`, `hang`, `reset`, `429`).
    public let faults: [String: Int]
    /// Requests refused as Kannel refuses them (bad credentials, missing parameters).
    public let rejected: Int
    /// Delivery reports the receiver answered with 2xx.
    public let receiptsPosted: Int
    /// Delivery reports given up after the retry window or refused with 4xx.
    public let receiptsAbandoned: Int
    /// Connections accepted on `sendsms`.
    public let connections: Int

    public var description: String {
        "accepted \(accepted) (\(distinctMessages) distinct, \(duplicates) duplicates), faults \(faults.sorted { $0.key < $1.key }), rejected \(rejected), receipts posted \(receiptsPosted), abandoned \(receiptsAbandoned); \(connections) connections"
    }
}

/// One message a ``FakeKannel`` accepted, as `sendsms` was given it.
public struct FakeKannelMessage: Sendable, Equatable {
    /// The `to` parameter.
    public let to: String
    /// The `text` parameter, decoded.
    public let text: String
}
