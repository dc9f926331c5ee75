public import Foundation
import LoaCore
public import LoaStore

/// A ``StatusSummary`` as JSON (`GET /v1/status`, `loa status --json`): every state and every
/// wait reason listed, zero included, instants in RFC 3339.
public struct StatusSummaryView: Encodable, Sendable {
    let at: Date
    /// Every state, zero included.
    let messagesByState: [String: Int]
    /// Pending and sending.
    let queueDepth: Int
    /// Pending and due now.
    let dueNow: Int
    /// Pending and held back, by what they wait for (every reason, zero included).
    let waitingFor: [String: Int]
    let oldestWaitingSince: Date?
    /// Seconds since the oldest waiting message was created (0 when none waits).
    let oldestWaitingAgeSeconds: Int
    /// Attempts a dead worker left unanswered; each was resent, so the resident may have got it twice.
    let inDoubtAttempts: Int
    /// Accepted by a provider, no report yet.
    let sentWithoutReport: Int
    let today: Today

    /// Messages created since midnight Vietnam time.
    struct Today: Encodable, Sendable {
        let since: Date
        let total: Int
        let byState: [String: Int]
        let segmentsSent: Int
    }

    /// The view of `summary`.
    public init(_ summary: StatusSummary) {
        at = summary.at
        messagesByState = Dictionary(uniqueKeysWithValues: MessageState.allCases.map { ($0.rawValue, summary.messagesByState[$0] ?? 0) })
        queueDepth = summary.queueDepth
        dueNow = summary.dueNow
        waitingFor = Dictionary(uniqueKeysWithValues: WaitReason.allCases.map { ($0.rawValue, summary.waiting[$0] ?? 0) })
        oldestWaitingSince = summary.oldestWaitingSince
        oldestWaitingAgeSeconds = Int(summary.oldestWaitingAgeSeconds.rounded(.down))
        inDoubtAttempts = summary.inDoubtAttempts
        sentWithoutReport = summary.sentWithoutReport
        today = Today(
            since: StatusSummary.vietnamMidnight(before: summary.at), total: summary.todayTotal,
            byState: Dictionary(uniqueKeysWithValues: MessageState.allCases.map { ($0.rawValue, summary.today[$0] ?? 0) }),
            segmentsSent: summary.segmentsSentToday)
    }

    /// The JSON the API writes (sorted keys, RFC 3339 instants).
    public func json() throws -> Data {
        try APIJSON.encoder.encode(self)
    }
}
