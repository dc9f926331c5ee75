public import Foundation

/// The operators' summary of the queue (``StatusSummary``), read in one go.
public protocol QueueStatus: Sendable {
    /// The figures at `now`: states, what is due and what waits (and why), the oldest waiting
    /// message, in-doubt attempts, sent messages without a report, and today's messages.
    func statusSummary(now: Date) async throws -> StatusSummary
}
