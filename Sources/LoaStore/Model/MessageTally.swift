public import LoaCore

/// Messages and their segments counted by current state: what statistics add up.
///
/// ```swift
/// var tally = MessageTally()
/// tally.add(.delivered, messages: 3, segments: 6)
/// tally.deliveryRate   // 1.0
/// ```
public struct MessageTally: Sendable, Equatable {
    /// Messages in each state; states with none are absent.
    public private(set) var messages: [MessageState: Int] = [:]
    /// Segments of the messages in each state.
    public private(set) var segments: [MessageState: Int] = [:]

    /// States of messages a provider accepted (and so charged for).
    public static let submittedStates: Set<MessageState> = [.sent, .delivered, .undelivered, .unreported]
    /// States of messages that did not reach the resident and never will.
    public static let failedStates: Set<MessageState> = [.failed, .undelivered, .expired]
    /// Final states whose outcome is known to Loa: the delivery rate's denominator (cancelled ones are left out).
    public static let settledStates: Set<MessageState> = [.delivered, .undelivered, .failed, .expired, .unreported]

    /// An empty tally.
    public init() {}

    /// Counts `messages` more messages in `state`, with their `segments`.
    public mutating func add(_ state: MessageState, messages count: Int, segments parts: Int) {
        messages[state, default: 0] += count
        segments[state, default: 0] += parts
    }

    /// Adds every count of `other`.
    public mutating func add(_ other: MessageTally) {
        for (state, count) in other.messages { add(state, messages: count, segments: other.segments[state] ?? 0) }
    }

    /// All messages, whatever their state.
    public var total: Int { messages.values.reduce(0, +) }

    /// Messages a provider accepted: sent, delivered, undelivered or unreported.
    public var submitted: Int { count(in: Self.submittedStates) }

    /// Messages that will not reach the resident: failed, undelivered or expired.
    public var failed: Int { count(in: Self.failedStates) }

    /// Segments of the messages a provider accepted: what the messages cost (resends of
    /// in-doubt attempts not included).
    public var segmentsSent: Int { Self.submittedStates.reduce(0) { $0 + (segments[$1] ?? 0) } }

    /// Delivered messages over those whose outcome is settled (delivered, undelivered, failed,
    /// expired, unreported); nil while none is.
    public var deliveryRate: Double? {
        let settled = count(in: Self.settledStates)
        return settled == 0 ? nil : Double(messages[.delivered] ?? 0) / Double(settled)
    }

    /// Messages in any of `states`.
    public func count(in states: Set<MessageState>) -> Int {
        states.reduce(0) { $0 + (messages[$1] ?? 0) }
    }
}
